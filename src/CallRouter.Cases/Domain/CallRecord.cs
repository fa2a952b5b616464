namespace CallRouter.Cases.Domain;

/// <summary>
/// One call attached to a case. Times are UTC instants; null means "has not happened (yet)".
/// Wait is measured from entering the queue (or arrival when the call never queued) to answer,
/// or to the end for a call that was never answered.
/// A call that L1 transferred to the L2 queue stays one call: <see cref="AnsweredAt"/> is L1's
/// answer, <see cref="TransferredAt"/> ends the L1 talk and starts the L2 wait, and
/// <see cref="Level2AnsweredAt"/> ends that wait; the L2 wait is never talk (billing counts talk only).
/// </summary>
public sealed record CallRecord
{
    public required string CallId { get; init; }
    public required ProblemNumber ProblemNumber { get; init; }
    public string? AgentId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>When the L1 agent sent the caller to the L2 queue; null for a call never transferred.</summary>
    public DateTimeOffset? TransferredAt { get; init; }

    /// <summary>The L1 agent who transferred the call (<see cref="AgentId"/> is then the L2 agent, if any).</summary>
    public string? TransferredBy { get; init; }

    /// <summary>When L2 answered a transferred call; null if the caller left while waiting for L2.</summary>
    public DateTimeOffset? Level2AnsweredAt { get; init; }

    /// <summary>A call from the manufacturer about a case (R11): answered like any call, never billed.</summary>
    public bool FromManufacturer { get; init; }

    /// <summary>The caller chose voicemail; counts as abandoned (SOW-A 3.0 objective 2).</summary>
    public bool Voicemail { get; init; }

    /// <summary>When the desk returned the voice message (objective 3: within 30 minutes).</summary>
    public DateTimeOffset? VoicemailReturnedAt { get; init; }

    /// <summary>When the case was logged for this call (objective 5: at the end of each call).</summary>
    public DateTimeOffset? LoggedAt { get; init; }

    public bool Billable => !FromManufacturer;

    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>Ended without being answered, or sent to voicemail.</summary>
    public bool IsAbandoned => EndedAt is not null && (AnsweredAt is null || Voicemail);

    public TimeSpan? WaitDuration
    {
        get
        {
            var waitEnd = AnsweredAt ?? EndedAt;
            return waitEnd is null ? null : Max(TimeSpan.Zero, waitEnd.Value - (QueuedAt ?? StartedAt));
        }
    }

    /// <summary>
    /// Time the caller talked with the desk: answer to end, or for a transferred call the L1 talk
    /// (answer to transfer) plus the L2 talk (L2 answer to end); the L2 wait in between is left out.
    /// </summary>
    public TimeSpan? TalkDuration
    {
        get
        {
            if (AnsweredAt is not { } answered || EndedAt is not { } ended)
            {
                return null;
            }

            if (TransferredAt is not { } transferred)
            {
                return Max(TimeSpan.Zero, ended - answered);
            }

            var level1 = Max(TimeSpan.Zero, transferred - answered);
            var level2 = Level2AnsweredAt is { } level2Answered ? Max(TimeSpan.Zero, ended - level2Answered) : TimeSpan.Zero;
            return level1 + level2;
        }
    }

    /// <summary>
    /// How long a transferred caller waited in the L2 queue: transfer to L2 answer, or to the end when
    /// the caller left first. Null for a call never transferred or still waiting.
    /// </summary>
    public TimeSpan? Level2WaitDuration
    {
        get
        {
            var waitEnd = Level2AnsweredAt ?? EndedAt;
            return TransferredAt is { } transferred && waitEnd is not null ? Max(TimeSpan.Zero, waitEnd.Value - transferred) : null;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
