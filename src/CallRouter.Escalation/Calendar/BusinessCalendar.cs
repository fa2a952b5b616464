using System.Globalization;

namespace CallRouter.Escalation.Calendar;

/// <summary>
/// Open hours of one site in its local prevailing time (SOW-A 6.0: "8:00 a.m. local prevailing
/// time to 5:00 p.m. local prevailing time, Monday through Friday"), minus holidays. Every
/// question takes a UTC instant and converts it with the site's IANA time zone, so the answer
/// follows daylight-saving changes: 08:00 is 15:00 UTC in summer and 16:00 UTC in winter in
/// Sunnyvale, and the change days are 23 or 25 hours long.
/// </summary>
public sealed class BusinessCalendar
{
    // Far enough for any sane holiday list; a search that finds nothing in two years means the
    // schedule is empty, which configuration validation rejects before it gets here.
    private const int SearchDays = 2 * 366;

    private readonly HashSet<DateOnly> _holidays;

    public BusinessCalendar(TimeZoneInfo timeZone, WeeklySchedule hours, IEnumerable<DateOnly>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(hours);
        TimeZone = timeZone;
        Hours = hours;
        _holidays = [.. holidays ?? []];
    }

    public TimeZoneInfo TimeZone { get; }

    public WeeklySchedule Hours { get; }

    public IReadOnlySet<DateOnly> Holidays => _holidays;

    /// <summary>Finds an IANA (or, where the OS knows it, Windows) time zone, with a clear error when it does not exist.</summary>
    public static TimeZoneInfo FindTimeZone(string? id, string setting)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ScheduleConfigurationException(setting, "is empty; give an IANA time zone id such as \"America/Los_Angeles\".");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ScheduleConfigurationException(setting, $"\"{id}\" is not a time zone this machine knows (IANA ids such as \"America/Los_Angeles\").", ex);
        }
    }

    /// <summary>Parses holiday entries "yyyy-MM-dd" optionally followed by a name ("2026-11-26 Thanksgiving").</summary>
    public static IReadOnlyList<DateOnly> ParseHolidays(IEnumerable<string>? entries, string setting)
    {
        var result = new List<DateOnly>();
        foreach (var entry in entries ?? [])
        {
            var text = entry?.Trim() ?? "";
            var dateText = text.Split(' ', 2)[0];
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new ScheduleConfigurationException(setting, $"holiday \"{entry}\" does not start with a date yyyy-MM-dd.");
            }

            result.Add(date);
        }

        return result;
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public bool IsHoliday(DateOnly localDate) => _holidays.Contains(localDate);

    /// <summary>Whether the site is open at this instant.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (IsHoliday(date))
        {
            return false;
        }

        var timeOfDay = local.TimeOfDay;
        return Hours.WindowsOn(local.DayOfWeek).Any(w => w.Contains(timeOfDay));
    }

    /// <summary>The instant itself when open, else the next instant the site opens; null when it never opens.</summary>
    public DateTimeOffset? NextOpen(DateTimeOffset instant)
    {
        if (IsOpen(instant))
        {
            return instant;
        }

        var date = LocalDate(instant);
        for (var i = 0; i < SearchDays; i++, date = date.AddDays(1))
        {
            if (IsHoliday(date))
            {
                continue;
            }

            foreach (var window in Hours.WindowsOn(date.DayOfWeek))
            {
                var opens = AtLocal(date, window.Start);
                if (opens > instant && IsOpen(opens))
                {
                    return opens;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The instant the current open period ends (adjacent windows, such as 24:00 and the next
    /// day's 00:00, count as one period); null when closed now or open for ever.
    /// </summary>
    public DateTimeOffset? NextClose(DateTimeOffset instant)
    {
        var cursor = instant;
        for (var i = 0; i < SearchDays * 2 && IsOpen(cursor); i++)
        {
            var local = ToLocal(cursor);
            var date = DateOnly.FromDateTime(local.DateTime);
            var window = Hours.WindowsOn(local.DayOfWeek).First(w => w.Contains(local.TimeOfDay));
            var closes = AtLocal(date, window.End);
            if (!IsOpen(closes))
            {
                return closes;
            }

            cursor = closes;
        }

        return null;
    }

    /// <summary>
    /// The UTC instant of a local wall-clock time on a local date. A time inside a spring-forward
    /// gap moves to the first valid minute after it; a repeated (fall-back) time takes its first
    /// occurrence. 24:00 is the next day's midnight.
    /// </summary>
    public DateTimeOffset AtLocal(DateOnly date, TimeSpan timeOfDay)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).Add(timeOfDay);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
