namespace CallRouter.Cases.Domain;

/// <summary>
/// One append-only line of a case's history: who, when, what. <paramref name="Sequence"/> is
/// assigned by the store and orders entries even when two share a timestamp.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    ProblemNumber ProblemNumber,
    DateTimeOffset At,
    string ActorId,
    Role ActorRole,
    string Action,
    string Detail);
