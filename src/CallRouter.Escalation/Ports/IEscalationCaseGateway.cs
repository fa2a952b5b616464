using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Ports;

/// <summary>
/// What escalation needs from the case service. Calls are made at least once (after a crash an
/// event or a deferral may come again): implementations dedupe on <see cref="EscalationEvent.Id"/>
/// and treat a second deferral of the same case as done.
/// </summary>
public interface IEscalationCaseGateway
{
    /// <summary>Whether the problem number names a case that can be escalated.</summary>
    Task<bool> CaseExistsAsync(string problemNumber, CancellationToken cancellationToken);

    /// <summary>Puts the case in "closure deferred" (SOW-A 6.1 item 3).</summary>
    Task MarkClosureDeferredAsync(string problemNumber, string escalationId, string reason, CancellationToken cancellationToken);

    /// <summary>Adds a line to the case history; report 7.7 counts responses, silences and hand-backs from these.</summary>
    Task RecordEscalationEventAsync(EscalationEvent escalationEvent, CancellationToken cancellationToken);
}
