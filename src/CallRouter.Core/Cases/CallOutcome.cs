namespace CallRouter.Core.Cases;

/// <summary>
/// How a call left the routing core, as its case log needs it. A call L1 transferred to L2 also
/// says when (and by whom) it was transferred and when L2 answered (null: the caller left waiting).
/// </summary>
public sealed record CallOutcome(
    string CallId,
    string ProblemNumber,
    string? AgentId,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset EndedAt,
    bool Voicemail,
    string Note)
{
    public DateTimeOffset? TransferredAt { get; init; }

    public string? TransferredBy { get; init; }

    public DateTimeOffset? Level2AnsweredAt { get; init; }
}
