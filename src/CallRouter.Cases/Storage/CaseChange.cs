using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Storage;

/// <summary>
/// One atomic unit of work on one case: the new case row plus everything appended with it.
/// The store commits all of it or none of it; the audit lines and outbox messages are
/// therefore never out of step with the case they describe.
/// </summary>
public sealed record CaseChange
{
    /// <summary>The case as it must be after the change; its Version must be ExpectedVersion + 1.</summary>
    public required CaseRecord Case { get; init; }

    /// <summary>The version the change was computed from; 0 inserts a new case.</summary>
    public required long ExpectedVersion { get; init; }

    /// <summary>Calls new to the store; a call id already known anywhere is rejected.</summary>
    public IReadOnlyList<CallRecord> NewCalls { get; init; } = [];

    /// <summary>Calls already attached to this case, replaced by their new values.</summary>
    public IReadOnlyList<CallRecord> UpdatedCalls { get; init; } = [];

    public IReadOnlyList<SeverityChange> SeverityChanges { get; init; } = [];
    public IReadOnlyList<CaseNote> Notes { get; init; } = [];

    /// <summary>Audit lines; their Sequence is ignored and assigned by the store.</summary>
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Outbox messages; their Id is ignored and assigned by the store.</summary>
    public IReadOnlyList<OutboxMessage> Outbox { get; init; } = [];
}
