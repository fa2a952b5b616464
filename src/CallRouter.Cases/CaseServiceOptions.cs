using CallRouter.Cases.Domain;

namespace CallRouter.Cases;

public sealed class CaseServiceOptions
{
    /// <summary>The desk's reporting and closing calendar; UTC unless configured.</summary>
    public DeskCalendar Calendar { get; init; } = DeskCalendar.Utc;

    /// <summary>
    /// Local time after which the day-end sweep closes the day's resolved cases. Half an hour
    /// before midnight leaves the sweep (run every few minutes by the host) time to finish the
    /// same day.
    /// </summary>
    public TimeOnly SameDayClosureCutoff { get; init; } = new(23, 30);

    /// <summary>How often a change is recomputed when another writer got there first.</summary>
    public int MaxConflictRetries { get; init; } = 8;
}
