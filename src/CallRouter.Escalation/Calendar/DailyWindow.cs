namespace CallRouter.Escalation.Calendar;

/// <summary>
/// One open interval of a day in local wall-clock time, half-open [Start, End). End may be
/// 24:00 so that a window can reach midnight; a window never crosses midnight (write two).
/// </summary>
public readonly record struct DailyWindow
{
    public DailyWindow(TimeSpan start, TimeSpan end)
    {
        if (start < TimeSpan.Zero || start >= TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, "A window starts between 00:00 and 23:59.");
        }

        if (end <= start || end > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "A window ends after it starts and no later than 24:00.");
        }

        Start = start;
        End = end;
    }

    /// <summary>Offset from local midnight at which the window opens.</summary>
    public TimeSpan Start { get; }

    /// <summary>Offset from local midnight at which the window closes (exclusive); at most 24:00.</summary>
    public TimeSpan End { get; }

    public bool Contains(TimeSpan timeOfDay) => timeOfDay >= Start && timeOfDay < End;

    public override string ToString() => $"{Format(Start)}-{Format(End)}";

    private static string Format(TimeSpan t) => $"{(int)t.TotalHours:00}:{t.Minutes:00}";
}
