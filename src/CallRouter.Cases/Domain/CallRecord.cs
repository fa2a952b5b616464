namespace CallRouter.Cases.Domain;

/// <summary>
/// One call attached to a case. Times are UTC instants; null means "has not happened (yet)".
/// Wait is measured from entering the queue (or arrival when the call never queued) to answer,
/// or to the end for a call that was never answered.
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

    public TimeSpan? TalkDuration =>
        AnsweredAt is not null && EndedAt is not null ? Max(TimeSpan.Zero, EndedAt.Value - AnsweredAt.Value) : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
