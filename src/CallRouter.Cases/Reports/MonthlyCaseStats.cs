namespace CallRouter.Cases.Reports;

/// <summary>
/// A5 7.5–7.7 for one calendar month (desk time zone, clipped to the requested range).
/// Resolutions count in the month they happened; "same day" compares local dates of opening
/// and resolution; an ageing case is one not resolved the day it opened, and counts in 7.6 if
/// it was resolved within 48 hours of opening. Escalations count in the month of the case's
/// first escalation.
/// </summary>
public sealed record MonthlyCaseStats(
    DateOnly From,
    DateOnly To,
    int CasesOpened,
    int ResolvedSameDay,
    int AgingResolvedWithin48Hours,
    int ResolvedAfter48Hours,
    int EscalatedToManufacturer);
