using System.Collections.Concurrent;

namespace CallRouter.Escalation.Ports;

/// <summary>Keeps notices in memory: for tests and until the routing core pushes them to consoles.</summary>
public sealed class InMemoryEscalationNotifier : IEscalationNotifier
{
    private readonly ConcurrentQueue<EscalationNotice> _desk = new();
    private readonly ConcurrentQueue<EscalationNotice> _supervisor = new();

    public IReadOnlyList<EscalationNotice> DeskNotices => [.. _desk];

    public IReadOnlyList<EscalationNotice> SupervisorAlerts => [.. _supervisor];

    public Task NotifyDeskAsync(EscalationNotice notice, CancellationToken cancellationToken)
    {
        _desk.Enqueue(notice);
        return Task.CompletedTask;
    }

    public Task AlertSupervisorAsync(EscalationNotice notice, CancellationToken cancellationToken)
    {
        _supervisor.Enqueue(notice);
        return Task.CompletedTask;
    }
}
