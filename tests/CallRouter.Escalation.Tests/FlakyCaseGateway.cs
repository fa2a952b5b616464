using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;

namespace CallRouter.Escalation.Tests;

/// <summary>A case service that is down while <see cref="Down"/> is set, and otherwise forwards to an in-memory one.</summary>
internal sealed class FlakyCaseGateway(InMemoryEscalationCaseGateway inner) : IEscalationCaseGateway
{
    public bool Down { get; set; }

    public int Refused { get; private set; }

    public Task<bool> CaseExistsAsync(string problemNumber, CancellationToken cancellationToken) =>
        inner.CaseExistsAsync(problemNumber, cancellationToken);

    public Task MarkClosureDeferredAsync(string problemNumber, string escalationId, string reason, CancellationToken cancellationToken) =>
        Down ? Fail() : inner.MarkClosureDeferredAsync(problemNumber, escalationId, reason, cancellationToken);

    public Task RecordEscalationEventAsync(EscalationEvent escalationEvent, CancellationToken cancellationToken) =>
        Down ? Fail() : inner.RecordEscalationEventAsync(escalationEvent, cancellationToken);

    private Task Fail()
    {
        Refused++;
        throw new InvalidOperationException("case service unavailable");
    }
}
