namespace CallRouter.Cases.Reports;

/// <summary>
/// A5 7.5–7.7 for one calendar month (desk time zone, clipped to the requested range).
/// Resolutions count in the month they happened; "same day" compares local dates of opening
/// and resolution; an ageing case is one not resolved the day it opened, and counts in 7.6 if
/// it was resolved within 48 hours of opening. Escalations count in the month of the case's
/// first escalation; escalation outcomes (7.7) in the month they were recorded on the case:
/// Mfr TS answers within the window and after it, silences (no answer within the window, or an
/// answer then dropped), "cannot reach Mfr TS" notices from the PTAS, and hand-backs. They are
/// event counts: one escalation may have a silence, then a late answer, then a hand-back.
/// </summary>
public sealed record MonthlyCaseStats(
    DateOnly From,
    DateOnly To,
    int CasesOpened,
    int ResolvedSameDay,
    int AgingResolvedWithin48Hours,
    int ResolvedAfter48Hours,
    int EscalatedToManufacturer,
    int EscalationResponsesInTime = 0,
    int EscalationResponsesLate = 0,
    int EscalationSilences = 0,
    int EscalationUnreachable = 0,
    int EscalationHandBacks = 0);
