namespace CallRouter.Cases.Domain;

/// <summary>One entry of a case's severity history; the first entry is the severity at intake.</summary>
public sealed record SeverityChange(
    ProblemNumber ProblemNumber,
    Severity? From,
    Severity To,
    EndUserAgreement Agreement,
    string RecordedBy,
    DateTimeOffset RecordedAt);
