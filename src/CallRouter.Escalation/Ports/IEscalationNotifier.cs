namespace CallRouter.Escalation.Ports;

/// <summary>Where desk notices and supervisor alerts go (the routing core pushes them to consoles). Delivery is at least once.</summary>
public interface IEscalationNotifier
{
    Task NotifyDeskAsync(EscalationNotice notice, CancellationToken cancellationToken);

    Task AlertSupervisorAsync(EscalationNotice notice, CancellationToken cancellationToken);
}
