using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Storage;

/// <summary>
/// One transition to persist atomically: the new state (checked against the version it was
/// decided from), its effects, and the timer firing or outbox item it consumed. If the timer
/// has already fired or the version moved, nothing is written.
/// </summary>
public sealed record EscalationCommit
{
    /// <summary>The new state, or null when the input changed nothing but a timer or outbox item must still be settled.</summary>
    public EscalationRecord? Escalation { get; init; }

    /// <summary>The version the decision was made from; null inserts a new escalation.</summary>
    public long? ExpectedVersion { get; init; }

    public IReadOnlyList<EscalationEffect> Effects { get; init; } = [];

    /// <summary>The timer whose expiry this transition handles; marked fired in the same transaction.</summary>
    public long? FiredTimerId { get; init; }

    /// <summary>The outbox item this transition completes (a contact the channel accepted).</summary>
    public long? CompletedOutboxId { get; init; }

    public required DateTimeOffset Now { get; init; }
}
