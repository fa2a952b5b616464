namespace CallRouter.Cases.Domain;

/// <summary>
/// The desk's local calendar (reporting time zone is configuration). All day, week and month
/// boundaries go through here so daylight-saving days are 23 or 25 hours long, as they are.
/// </summary>
public sealed class DeskCalendar
{
    public DeskCalendar(TimeZoneInfo timeZone) => TimeZone = timeZone;

    public static DeskCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo TimeZone { get; }

    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The UTC instant at which the given local date begins.</summary>
    /// <remarks>
    /// Midnight can fall in a spring-forward gap in some zones; the day then starts at the
    /// first valid local instant after the gap. For an ambiguous (repeated) local time the
    /// earlier instant is taken, which is the larger UTC offset.
    /// </remarks>
    public DateTimeOffset StartOf(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>The UTC instant of a local wall-clock time (a time in a DST gap moves forward past it).</summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = TimeZone.IsAmbiguousTime(local)
            ? TimeZone.GetAmbiguousTimeOffsets(local).Max()
            : TimeZone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Half-open UTC interval [start of <paramref name="from"/>, start of the day after <paramref name="toInclusive"/>).</summary>
    public (DateTimeOffset FromUtc, DateTimeOffset ToUtc) Range(DateOnly from, DateOnly toInclusive)
    {
        if (toInclusive < from)
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"Date range ends ({toInclusive:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        }

        return (StartOf(from), StartOf(toInclusive.AddDays(1)));
    }
}
