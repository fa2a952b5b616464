namespace CallRouter.Cases.Reports;

/// <summary>The monthly case report (A5 7.5–7.7) for a date range, one row per month plus the total.</summary>
public sealed record CaseReport(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    IReadOnlyList<MonthlyCaseStats> Months,
    MonthlyCaseStats Total);
