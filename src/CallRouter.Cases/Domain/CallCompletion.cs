namespace CallRouter.Cases.Domain;

/// <summary>
/// The end of a call as wrap-up reports it; completing a call is also what logs the case for
/// that call (SOW-A 3.0 objective 5), so the note is required.
/// </summary>
public sealed record CallCompletion(
    string CallId,
    DateTimeOffset EndedAt,
    string LogNote,
    DateTimeOffset? AnsweredAt = null,
    string? AgentId = null,
    bool Voicemail = false);
