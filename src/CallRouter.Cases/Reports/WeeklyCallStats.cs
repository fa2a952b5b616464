namespace CallRouter.Cases.Reports;

/// <summary>
/// A5 7.1–7.4 for one week (Monday to Sunday in the desk's time zone, clipped to the
/// requested range). A call belongs to the week in which it arrived, even if it was answered
/// or ended in the next one. The wait is the time to the first answer; a call L1 transferred to
/// L2 counts once, its L2 wait is shown apart and its talk is L1 talk + L2 talk (the L2 wait left out).
/// </summary>
public sealed record WeeklyCallStats(
    DateOnly From,
    DateOnly To,
    int CallsReceived,
    int CallsAbandoned,
    int CallsAnswered,
    int ManufacturerCalls,
    int CallsWithWait,
    TimeSpan AverageWait,
    TimeSpan LongestWait,
    int TransferredToLevel2,
    TimeSpan LongestLevel2Wait,
    TimeSpan TalkTime);
