using System.Globalization;

namespace CallRouter.Escalation.Calendar;

/// <summary>
/// Open hours per day of the week in local wall-clock time, written as text so that it reads
/// the way the contract does: <c>"Mon-Fri 08:00-17:00"</c>, <c>"Mon-Fri 17:00-24:00; Sat,Sun 00:00-24:00"</c>,
/// <c>"always"</c> or <c>"never"</c>. Clauses are separated by ';', days by ',' or ranges with '-',
/// several windows of one clause by ','.
/// </summary>
public sealed class WeeklySchedule
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private readonly IReadOnlyList<DailyWindow>[] _days;

    private WeeklySchedule(IReadOnlyList<DailyWindow>[] days, string text)
    {
        _days = days;
        Text = text;
    }

    /// <summary>Every day, all day.</summary>
    public static WeeklySchedule Always { get; } = Parse("always", "(built-in)");

    /// <summary>The text the schedule was parsed from, for logs and status answers.</summary>
    public string Text { get; }

    /// <summary>True when no day has any open window.</summary>
    public bool IsEmpty => _days.All(d => d.Count == 0);

    /// <summary>The windows of one day, in order and not overlapping.</summary>
    public IReadOnlyList<DailyWindow> WindowsOn(DayOfWeek day) => _days[(int)day];

    /// <summary>Parses the schedule text; <paramref name="setting"/> names the configuration key for error messages.</summary>
    /// <exception cref="ScheduleConfigurationException">The text is not a valid schedule.</exception>
    public static WeeklySchedule Parse(string? text, string setting)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ScheduleConfigurationException(setting, "is empty; write e.g. \"Mon-Fri 08:00-17:00\", \"always\" or \"never\".");
        }

        var lists = new List<DailyWindow>[7];
        for (var i = 0; i < 7; i++)
        {
            lists[i] = [];
        }

        var trimmed = text.Trim();
        if (trimmed.Equals("never", StringComparison.OrdinalIgnoreCase))
        {
            return new WeeklySchedule([.. lists.Select(l => (IReadOnlyList<DailyWindow>)l)], trimmed);
        }

        if (trimmed.Equals("always", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("24x7", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = "Sun-Sat 00:00-24:00";
        }

        foreach (var rawClause in trimmed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Days end where the first time begins, so "Sat, Sun 00:00-24:00" reads as people mean it.
            var hoursStart = rawClause.AsSpan().IndexOfAnyInRange('0', '9');
            if (hoursStart <= 0 || string.IsNullOrWhiteSpace(rawClause[..hoursStart]))
            {
                throw new ScheduleConfigurationException(setting, $"clause \"{rawClause}\" needs days and hours, e.g. \"Mon-Fri 08:00-17:00\".");
            }

            var days = ParseDays(rawClause[..hoursStart], rawClause, setting);
            var windows = rawClause[hoursStart..]
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => ParseWindow(w, rawClause, setting))
                .ToList();
            foreach (var day in days)
            {
                lists[(int)day].AddRange(windows);
            }
        }

        for (var i = 0; i < 7; i++)
        {
            lists[i].Sort((a, b) => a.Start.CompareTo(b.Start));
            for (var j = 1; j < lists[i].Count; j++)
            {
                if (lists[i][j].Start < lists[i][j - 1].End)
                {
                    throw new ScheduleConfigurationException(setting,
                        $"windows {lists[i][j - 1]} and {lists[i][j]} overlap on {(DayOfWeek)i}.");
                }
            }
        }

        return new WeeklySchedule([.. lists.Select(l => (IReadOnlyList<DailyWindow>)l)], text.Trim());
    }

    public override string ToString() => Text;

    private static List<DayOfWeek> ParseDays(string text, string clause, string setting)
    {
        var result = new List<DayOfWeek>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                result.Add(ParseDay(part, clause, setting));
                continue;
            }

            var from = (int)ParseDay(part[..dash], clause, setting);
            var to = (int)ParseDay(part[(dash + 1)..], clause, setting);
            // A range may wrap the week end ("Fri-Mon"), as people write it.
            for (var d = from; ; d = (d + 1) % 7)
            {
                result.Add((DayOfWeek)d);
                if (d == to)
                {
                    break;
                }
            }
        }

        return result;
    }

    private static DayOfWeek ParseDay(string text, string clause, string setting)
    {
        // Three-letter abbreviations or full English names, any case.
        var key = text.Trim();
        var index = Array.FindIndex(DayNames, n => key.Equals(n, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            index = Array.FindIndex(Enum.GetNames<DayOfWeek>(), n => key.Equals(n, StringComparison.OrdinalIgnoreCase));
        }

        if (index < 0)
        {
            throw new ScheduleConfigurationException(setting, $"\"{text}\" in clause \"{clause}\" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun).");
        }

        return (DayOfWeek)index;
    }

    private static DailyWindow ParseWindow(string text, string clause, string setting)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            throw new ScheduleConfigurationException(setting, $"\"{text}\" in clause \"{clause}\" is not a window like 08:00-17:00.");
        }

        var start = ParseTime(text[..dash], clause, setting);
        var end = ParseTime(text[(dash + 1)..], clause, setting);
        if (start >= TimeSpan.FromDays(1) || end <= start)
        {
            throw new ScheduleConfigurationException(setting,
                $"window \"{text}\" in clause \"{clause}\" must end after it starts, within one day (split windows that pass midnight: \"Fri 17:00-24:00; Sat 00:00-08:00\").");
        }

        return new DailyWindow(start, end);
    }

    private static TimeSpan ParseTime(string text, string clause, string setting)
    {
        var t = text.Trim();
        if (t == "24:00")
        {
            return TimeSpan.FromDays(1);
        }

        if (t.Length == 5 && TimeOnly.TryParseExact(t, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time.ToTimeSpan();
        }

        throw new ScheduleConfigurationException(setting, $"\"{text}\" in clause \"{clause}\" is not a time (HH:mm, 00:00 to 24:00).");
    }
}
