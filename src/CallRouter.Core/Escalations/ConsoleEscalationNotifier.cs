using CallRouter.Core.Cases;
using CallRouter.Core.Routing;
using CallRouter.Escalation.Ports;
using Google.Protobuf.WellKnownTypes;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Escalations;

/// <summary>Desk notices go to every agent console and the supervisors' notice streams; supervisor alerts to the latter.</summary>
public sealed class ConsoleEscalationNotifier(RoutingCoordinator coordinator, BroadcastHub<Proto.EscalationNotice> notices) : IEscalationNotifier
{
    public Task NotifyDeskAsync(EscalationNotice notice, CancellationToken cancellationToken)
    {
        Proto.EscalationNotice message = ToProto(notice, supervisorAlert: false);
        coordinator.BroadcastEscalationNotice(message);
        notices.Publish(message);
        return Task.CompletedTask;
    }

    public Task AlertSupervisorAsync(EscalationNotice notice, CancellationToken cancellationToken)
    {
        notices.Publish(ToProto(notice, supervisorAlert: true));
        return Task.CompletedTask;
    }

    private static Proto.EscalationNotice ToProto(EscalationNotice notice, bool supervisorAlert)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new Proto.EscalationNotice
        {
            EscalationId = notice.EscalationId,
            ProblemNumber = notice.ProblemNumber,
            At = Timestamp.FromDateTimeOffset(notice.At),
            Message = notice.Message,
            SupervisorAlert = supervisorAlert,
        };
    }
}
