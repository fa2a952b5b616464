using CallRouter.Escalation.Calendar;
using CsCheck;

namespace CallRouter.Escalation.Tests;

public sealed class BusinessCalendarTests
{
    // Sunnyvale, CA: PST is UTC-8, PDT is UTC-7. In 2026 DST starts Sun 8 March and ends Sun 1 November.
    private static readonly ContactPathPolicy Policy = ContactPathPolicy.FromOptions(Options());

    private static EscalationScheduleOptions Options()
    {
        var options = new EscalationScheduleOptions { PtasStaffedHours = "Sun-Sat 06:00-22:00" };
        options.Holidays.Add("2026-11-26 Thanksgiving");
        return options;
    }

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-24T16:00:00Z", true)]  // Tue 08:00 PST: the opening minute is in hours
    [InlineData("2026-11-24T15:59:59Z", false)] // Tue 07:59:59 PST: one second before opening
    [InlineData("2026-11-24T18:00:00Z", true)]  // Tue 10:00 PST
    [InlineData("2026-11-25T00:59:59Z", true)]  // Tue 16:59:59 PST: last second
    [InlineData("2026-11-25T01:00:00Z", false)] // Tue 17:00 PST: closed at 5 p.m. sharp
    public void IsBusinessHours_WeekdayAroundOpenAndClose_FollowsEightToFiveLocal(string instant, bool expected)
    {
        Assert.Equal(expected, Policy.IsBusinessHours(Utc(instant)));
    }

    [Fact]
    public void IsBusinessHours_SaturdayMorning_IsClosed()
    {
        // Sat 28 Nov 2026 10:00 PST.
        Assert.False(Policy.IsBusinessHours(Utc("2026-11-28T18:00:00Z")));
    }

    [Fact]
    public void IsBusinessHours_HolidayMorning_IsClosed()
    {
        // Thu 26 Nov 2026 10:00 PST is Thanksgiving, on the holiday list.
        Assert.False(Policy.IsBusinessHours(Utc("2026-11-26T18:00:00Z")));
    }

    [Fact]
    public void NextBusinessOpen_HolidayMorning_IsNextWorkingDayAtEight()
    {
        // Thanksgiving 10:00 PST → Fri 27 Nov 08:00 PST = 16:00 UTC.
        Assert.Equal(Utc("2026-11-27T16:00:00Z"), Policy.NextBusinessOpen(Utc("2026-11-26T18:00:00Z")));
    }

    [Fact]
    public void NextBusinessOpen_SpringForwardSunday_OpensMondayAtEightDaylightTime()
    {
        // Sun 8 Mar 2026 is the spring-forward day. Friday opened at 08:00 PST = 16:00 UTC;
        // Monday opens at 08:00 PDT = 15:00 UTC — an hour earlier in UTC, same on the wall clock.
        Assert.True(Policy.IsBusinessHours(Utc("2026-03-06T16:00:00Z")));
        Assert.False(Policy.IsBusinessHours(Utc("2026-03-08T20:00:00Z")));
        Assert.Equal(Utc("2026-03-09T15:00:00Z"), Policy.NextBusinessOpen(Utc("2026-03-08T20:00:00Z")));
        Assert.False(Policy.IsBusinessHours(Utc("2026-03-09T14:59:59Z")));
    }

    [Fact]
    public void NextBusinessOpen_FallBackSunday_OpensMondayAtEightStandardTime()
    {
        // Sun 1 Nov 2026 falls back. Friday 30 Oct opened 08:00 PDT = 15:00 UTC; Monday 2 Nov
        // opens 08:00 PST = 16:00 UTC, and 15:30 UTC that Monday (07:30 local) is still closed.
        Assert.True(Policy.IsBusinessHours(Utc("2026-10-30T15:00:00Z")));
        Assert.Equal(Utc("2026-11-02T16:00:00Z"), Policy.NextBusinessOpen(Utc("2026-11-01T12:00:00Z")));
        Assert.False(Policy.IsBusinessHours(Utc("2026-11-02T15:30:00Z")));
    }

    [Fact]
    public void IsOpen_WindowOverSpringForwardGap_LastsTwoRealHours()
    {
        // A Sunday window 01:00-04:00 on 8 Mar 2026: 02:00-03:00 does not exist, so it opens at
        // 09:00 UTC (01:00 PST) and closes at 11:00 UTC (04:00 PDT).
        var calendar = new BusinessCalendar(BusinessCalendar.FindTimeZone("America/Los_Angeles", "test"), WeeklySchedule.Parse("Sun 01:00-04:00", "test"));
        Assert.True(calendar.IsOpen(Utc("2026-03-08T09:00:00Z")));
        Assert.True(calendar.IsOpen(Utc("2026-03-08T10:00:00Z")));   // 03:00 PDT, just after the gap
        Assert.Equal(Utc("2026-03-08T11:00:00Z"), calendar.NextClose(Utc("2026-03-08T09:30:00Z")));
    }

    [Fact]
    public void IsOpen_WindowOverFallBackRepeat_CoversBothOccurrencesOfTheHour()
    {
        // A Sunday window 01:00-02:00 on 1 Nov 2026: 01:xx happens twice (PDT, then PST), so the
        // window is open from 08:00 UTC to 10:00 UTC.
        var calendar = new BusinessCalendar(BusinessCalendar.FindTimeZone("America/Los_Angeles", "test"), WeeklySchedule.Parse("Sun 01:00-02:00", "test"));
        Assert.True(calendar.IsOpen(Utc("2026-11-01T08:30:00Z")));   // 01:30 PDT
        Assert.True(calendar.IsOpen(Utc("2026-11-01T09:30:00Z")));   // 01:30 PST, the repeat
        Assert.False(calendar.IsOpen(Utc("2026-11-01T10:00:00Z")));  // 02:00 PST
    }

    [Theory]
    [InlineData("2026-11-24T18:00:00Z", ContactPath.ManufacturerPhone)] // Tue 10:00 PST, in hours
    [InlineData("2026-11-25T03:00:00Z", ContactPath.Ptas)]              // Tue 19:00 PST, PTAS staffed
    [InlineData("2026-11-25T07:30:00Z", ContactPath.OnCallPager)]       // Tue 23:30 PST, PTAS unstaffed
    [InlineData("2026-11-28T18:00:00Z", ContactPath.Ptas)]              // Sat 10:00 PST, weekend
    [InlineData("2026-11-26T18:00:00Z", ContactPath.Ptas)]              // Thanksgiving 10:00 PST: PTAS works holidays
    [InlineData("2026-11-28T13:00:00Z", ContactPath.OnCallPager)]       // Sat 05:00 PST, before the PTAS opens
    public void PathAt_Instant_PicksPhoneThenPtasThenPager(string instant, ContactPath expected)
    {
        Assert.Equal(expected, Policy.PathAt(Utc(instant)));
    }

    [Fact]
    public void NextClose_AdjacentWindowsOverMidnight_CloseAtTheEndOfTheLast()
    {
        // Fri 17:00-24:00 then Sat all day: from Fri 18:00 PST the PTAS next closes at Sun 00:00 PST = 08:00 UTC.
        var calendar = new BusinessCalendar(BusinessCalendar.FindTimeZone("America/Los_Angeles", "test"),
            WeeklySchedule.Parse("Fri 17:00-24:00; Sat 00:00-24:00", "test"));
        Assert.Equal(Utc("2026-11-29T08:00:00Z"), calendar.NextClose(Utc("2026-11-28T02:00:00Z")));
    }

    [Fact]
    public void Parse_DayRangeOverWeekEnd_IncludesEveryDayOfTheRange()
    {
        var schedule = WeeklySchedule.Parse("Fri-Mon 09:00-12:00, 13:00-17:00", "test");
        Assert.Equal(2, schedule.WindowsOn(DayOfWeek.Sunday).Count);
        Assert.Equal(2, schedule.WindowsOn(DayOfWeek.Monday).Count);
        Assert.Empty(schedule.WindowsOn(DayOfWeek.Wednesday));
    }

    [Fact]
    public void Parse_DaysListedWithSpaces_ReadsDaysUpToTheFirstTime()
    {
        var schedule = WeeklySchedule.Parse("Sat, Sun 09:00-12:00; Mon 08:00-17:00", "test");

        Assert.Single(schedule.WindowsOn(DayOfWeek.Saturday));
        Assert.Single(schedule.WindowsOn(DayOfWeek.Sunday));
        Assert.Equal(TimeSpan.FromHours(17), Assert.Single(schedule.WindowsOn(DayOfWeek.Monday)).End);
    }

    [Theory]
    [InlineData("Mon-Fri 8-17", "is not a time")]
    [InlineData("Mon-Fri 0800", "is not a window")]
    [InlineData("Mon-Fry 08:00-17:00", "is not a day")]
    [InlineData("Mon-Fri 17:00-08:00", "must end after it starts")]
    [InlineData("Mon 08:00-12:00, 11:00-13:00", "overlap")]
    [InlineData("Mon-Fri 08:00-25:00", "is not a time")]
    [InlineData("08:00-17:00", "needs days and hours")]
    [InlineData("", "is empty")]
    public void FromOptions_MalformedBusinessHours_NamesSettingAndProblem(string hours, string expected)
    {
        var options = new EscalationScheduleOptions { BusinessHours = hours };
        var ex = Assert.Throws<ScheduleConfigurationException>(() => ContactPathPolicy.FromOptions(options));
        Assert.Equal("Escalation:Schedule:BusinessHours", ex.Setting);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_UnknownTimeZone_NamesSetting()
    {
        var ex = Assert.Throws<ScheduleConfigurationException>(() => ContactPathPolicy.FromOptions(new EscalationScheduleOptions { TimeZoneId = "America/Sunnyvale" }));
        Assert.Equal("Escalation:Schedule:TimeZoneId", ex.Setting);
        Assert.Contains("America/Sunnyvale", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_BadHolidayDate_NamesSettingAndEntry()
    {
        var options = new EscalationScheduleOptions();
        options.Holidays.Add("2026-13-01 Nonsense");
        var ex = Assert.Throws<ScheduleConfigurationException>(() => ContactPathPolicy.FromOptions(options));
        Assert.Equal("Escalation:Schedule:Holidays", ex.Setting);
        Assert.Contains("2026-13-01 Nonsense", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromOptions_BusinessHoursNever_IsRefused()
    {
        var ex = Assert.Throws<ScheduleConfigurationException>(() => ContactPathPolicy.FromOptions(new EscalationScheduleOptions { BusinessHours = "never" }));
        Assert.Contains("no open hours", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NextBusinessOpen_AnyInstantOfTheYear_IsOpenAndNothingEarlierIs()
    {
        // Property over 2026 (both DST changes, the holiday): the answer is an open instant, not
        // before the question, and the minute before it is closed unless the answer is the question.
        var start = Utc("2026-01-01T00:00:00Z");
        Gen.Int[0, 365 * 24 * 60].Sample(minutes =>
        {
            var t = start.AddMinutes(minutes);
            var open = Policy.NextBusinessOpen(t)!.Value;
            return open >= t && Policy.IsBusinessHours(open) && (open == t || !Policy.IsBusinessHours(open.AddMinutes(-1)));
        }, iter: 2000);
    }
}
