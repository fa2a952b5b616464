namespace CallRouter.Cases.Domain;

/// <summary>
/// The end of a call as wrap-up reports it; completing a call is also what logs the case for
/// that call (SOW-A 3.0 objective 5), so the note is required. A call that L1 transferred to L2
/// also carries when it was transferred, by whom, and when L2 answered (null: the caller left waiting).
/// </summary>
public sealed record CallCompletion(
    string CallId,
    DateTimeOffset EndedAt,
    string LogNote,
    DateTimeOffset? AnsweredAt = null,
    string? AgentId = null,
    bool Voicemail = false,
    DateTimeOffset? TransferredAt = null,
    string? TransferredBy = null,
    DateTimeOffset? Level2AnsweredAt = null);
