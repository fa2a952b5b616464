namespace CallRouter.Cases.Domain;

/// <summary>An end-user update that has fallen due; the host streams these to consoles and supervisors.</summary>
public sealed record UpdateReminder(
    ProblemNumber ProblemNumber,
    string Manufacturer,
    Severity Severity,
    CaseState State,
    DateTimeOffset DueAt,
    TimeSpan Overdue);
