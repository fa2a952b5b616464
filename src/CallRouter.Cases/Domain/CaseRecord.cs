namespace CallRouter.Cases.Domain;

/// <summary>
/// The current state of one case, as one row. Changes produce a new record (<c>with</c>) and
/// are committed with an expected <see cref="Version"/>, so two writers never overwrite each other.
/// </summary>
public sealed record CaseRecord
{
    public required ProblemNumber ProblemNumber { get; init; }

    /// <summary>The manufacturer whose end user this is; scopes Mfr TS access.</summary>
    public required string Manufacturer { get; init; }

    public required string CustomerAccount { get; init; }
    public string? EndUserName { get; init; }
    public string? CallbackNumber { get; init; }
    public string? MachineModel { get; init; }
    public string? SerialNumber { get; init; }
    public required Severity Severity { get; init; }
    public required CaseState State { get; init; }
    public required EntitlementStatus Entitlement { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public required string OpenedBy { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The last time the end user was given an update; the cadence counts from here.</summary>
    public required DateTimeOffset LastEndUserUpdateAt { get; init; }

    /// <summary>When the next update is owed; null once the case is resolved or closed.</summary>
    public DateTimeOffset? NextUpdateDueAt { get; init; }

    /// <summary>The due time a reminder has already been raised for, so it is raised once.</summary>
    public DateTimeOffset? ReminderRaisedFor { get; init; }

    /// <summary>First hand-over to Mfr TS; never cleared, it is what report 7.7 counts.</summary>
    public DateTimeOffset? FirstEscalatedAt { get; init; }

    /// <summary>Latest resolution; cleared when the case is reopened.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Optimistic concurrency token, 1 for a new case, +1 per committed change.</summary>
    public long Version { get; init; }

    /// <summary>A caller not under contract is served but flagged (R8).</summary>
    public bool NotUnderContract => Entitlement != EntitlementStatus.Entitled;
}
