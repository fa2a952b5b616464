namespace CallRouter.Cases.Domain;

/// <summary>An audited action about no single case, such as a Mfr TS user listing cases (R9).</summary>
public sealed record AccessEntry(
    long Id,
    DateTimeOffset At,
    string ActorId,
    Role ActorRole,
    string Action,
    string Detail);
