namespace CallRouter.Cases.Reports;

/// <summary>The weekly call report (A5 7.1–7.4) for a date range, one row per week plus the total.</summary>
public sealed record CallReport(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    IReadOnlyList<WeeklyCallStats> Weeks,
    WeeklyCallStats Total);
