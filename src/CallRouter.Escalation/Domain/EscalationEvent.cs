namespace CallRouter.Escalation.Domain;

/// <summary>
/// One line of an escalation's history. <see cref="Id"/> is assigned by the store and is the
/// idempotency key when the event is forwarded to the case service (delivery is at least once).
/// </summary>
public sealed record EscalationEvent(
    string EscalationId,
    string ProblemNumber,
    DateTimeOffset At,
    EscalationEventKind Kind,
    string? Contact,
    string Detail,
    TimeSpan? ResponseTime = null)
{
    public long Id { get; init; }
}
