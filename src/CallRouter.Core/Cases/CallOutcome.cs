namespace CallRouter.Core.Cases;

/// <summary>How a call left the routing core, as its case log needs it.</summary>
public sealed record CallOutcome(
    string CallId,
    string ProblemNumber,
    string? AgentId,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset EndedAt,
    bool Voicemail,
    string Note);
