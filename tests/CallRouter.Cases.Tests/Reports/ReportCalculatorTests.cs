using CallRouter.Cases.Domain;
using CallRouter.Cases.Reports;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Reports;

public sealed class ReportCalculatorTests
{
    private static readonly DeskCalendar s_newYork = new(TestClock.NewYork);

    // Two desk weeks in New York around the 2026 spring-forward (Sunday 8 March, 02:00 -> 03:00).
    private static List<CallRecord> TwoWeeksOfCalls(History h) =>
    [
        h.Call("prev-week", "2026-03-01 22:00", "2026-03-01 22:01", "2026-03-01 22:05"), // 03:00Z on 2 March: UTC would put it in week 1
        h.Call("w1-answered", "2026-03-02 09:00", "2026-03-02 09:02", "2026-03-02 09:20"),
        h.Call("w1-abandoned", "2026-03-04 10:00", ended: "2026-03-04 10:06"),
        h.Call("w1-voicemail", "2026-03-06 11:00", ended: "2026-03-06 11:01", voicemail: true),
        h.Call("w1-manufacturer", "2026-03-07 12:00", "2026-03-07 12:00", "2026-03-07 12:10", manufacturer: true),
        h.Call("w1-crosses-week", "2026-03-08 23:58", "2026-03-09 00:03", "2026-03-09 00:30"),
        h.Call("w2-abandoned", "2026-03-09 00:01", ended: "2026-03-09 00:03"),
        h.Call("w2-crosses-out", "2026-03-15 23:30", "2026-03-15 23:31", "2026-03-16 00:10"),
        h.Call("next-week", "2026-03-16 00:30", "2026-03-16 00:31", "2026-03-16 00:40"),
    ];

    [Fact]
    public void WeeklyCalls_CallsAcrossWeekBoundaryAndDst_CountInTheWeekTheyArrived()
    {
        var h = new History(s_newYork);

        var report = ReportCalculator.WeeklyCalls(TwoWeeksOfCalls(h), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), s_newYork);

        Assert.Equal(2, report.Weeks.Count);
        var week1 = report.Weeks[0];
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8)), (week1.From, week1.To));
        // Received: answered, abandoned, voicemail, manufacturer, crosses-week. Waits 2, 6, 1, 0, 5 minutes.
        Assert.Equal((5, 2, 3, 1, 5), (week1.CallsReceived, week1.CallsAbandoned, week1.CallsAnswered, week1.ManufacturerCalls, week1.CallsWithWait));
        Assert.Equal((TimeSpan.FromMinutes(14.0 / 5), TimeSpan.FromMinutes(6)), (week1.AverageWait, week1.LongestWait));
        var week2 = report.Weeks[1];
        Assert.Equal((2, 1, 1, 0), (week2.CallsReceived, week2.CallsAbandoned, week2.CallsAnswered, week2.ManufacturerCalls));
        Assert.Equal((TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(2)), (week2.AverageWait, week2.LongestWait));
        Assert.Equal((7, 3, 4, 1), (report.Total.CallsReceived, report.Total.CallsAbandoned, report.Total.CallsAnswered, report.Total.ManufacturerCalls));
        Assert.Equal(TimeSpan.FromTicks(TimeSpan.FromMinutes(14 + 3).Ticks / 7), report.Total.AverageWait);
    }

    [Fact]
    public void WeeklyCalls_RangeStartsMidWeek_WeeksAreClippedToTheRange()
    {
        var h = new History(s_newYork);

        var report = ReportCalculator.WeeklyCalls(TwoWeeksOfCalls(h), new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 10), s_newYork);

        Assert.Equal([(new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 8)), (new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 10))],
            report.Weeks.Select(w => (w.From, w.To)));
        Assert.Equal([4, 1], report.Weeks.Select(w => w.CallsReceived));
    }

    [Fact]
    public void WeeklyCalls_SameHistoryInUtc_MovesTheSundayEveningCallIntoTheRange()
    {
        var h = new History(s_newYork);

        var report = ReportCalculator.WeeklyCalls(TwoWeeksOfCalls(h), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), DeskCalendar.Utc);

        // In UTC, prev-week (03:00Z 2 March) joins, and w1-crosses-week (03:58Z 9 March) leaves.
        Assert.Equal(5, report.Total.CallsReceived);
        Assert.Equal(["UTC"], new[] { report.TimeZone });
    }

    [Fact]
    public void WeeklyCalls_EndBeforeStart_InvalidArgument()
    {
        var ex = Assert.Throws<CaseException>(() => ReportCalculator.WeeklyCalls([], new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 2), s_newYork));

        Assert.Equal(CaseErrorCode.InvalidArgument, ex.Code);
    }

    [Fact]
    public void MonthlyCases_EscalationOutcomes_CountedInTheLocalMonthTheyWereRecorded()
    {
        var h = new History(s_newYork);
        var first = h.Case("2026-02-20 09:00", escalated: "2026-02-20 10:00");
        var second = h.Case("2026-02-27 09:00", escalated: "2026-02-28 22:00");
        AuditEntry[] history =
        [
            h.Line(first, "2026-02-20 10:00", "EscalationStarted"),          // not an outcome
            h.Line(first, "2026-02-20 10:12", "EscalationResponded"),        // Feb: in time
            h.Line(first, "2026-02-23 15:00", "EscalationHandedBack"),       // Feb: hand-back
            h.Line(second, "2026-02-28 22:30", "EscalationNoResponse"),      // Feb: silence
            h.Line(second, "2026-02-28 22:30", "EscalationDeskNotified"),    // not an outcome
            h.Line(second, "2026-02-28 23:05", "EscalationUnreachable"),     // Feb (04:05 on 1 March in UTC)
            h.Line(second, "2026-03-01 00:10", "EscalationRespondedLate"),   // Mar: late
            h.Line(second, "2026-03-01 01:00", "EscalationResponderDropped"),// Mar: silence (answered, then dropped)
            h.Line(second, "2026-03-02 09:00", "EscalationHandedBack"),      // Mar: hand-back
            h.Line(second, "2026-04-01 09:00", "EscalationHandedBack"),      // outside the range
        ];

        var report = ReportCalculator.MonthlyCases([first, second], history, new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 31), s_newYork);

        var rows = report.Months.Select(m => (m.EscalatedToManufacturer, m.EscalationResponsesInTime, m.EscalationResponsesLate, m.EscalationSilences, m.EscalationUnreachable, m.EscalationHandBacks));
        Assert.Equal([(2, 1, 0, 1, 1, 1), (0, 0, 1, 1, 0, 1)], rows);
        var t = report.Total;
        Assert.Equal((2, 1, 1, 2, 1, 2), (t.EscalatedToManufacturer, t.EscalationResponsesInTime, t.EscalationResponsesLate, t.EscalationSilences, t.EscalationUnreachable, t.EscalationHandBacks));
    }

    [Fact]
    public void MonthlyCases_CasesAcrossMonthBoundaryAndDst_CountWhereTheyHappenedLocally()
    {
        var h = new History(s_newYork);
        CaseRecord[] cases =
        [
            h.Case("2026-01-05 10:00", resolved: "2026-01-05 11:00"),                               // Jan: same day
            h.Case("2026-01-31 20:00", resolved: "2026-02-01 10:00"),                               // Feb: ageing, 14 h
            h.Case("2026-02-10 18:00", resolved: "2026-02-10 20:00"),                               // Feb: same day locally, two UTC days
            h.Case("2026-02-27 09:00", escalated: "2026-02-27 11:00", resolved: "2026-03-03 09:00"), // escalated Feb; Mar: after 48 h
            h.Case("2026-02-28 23:00", resolved: "2026-03-01 00:30"),                               // Mar: ageing, 1.5 h
            h.Case("2026-03-07 12:00", resolved: "2026-03-09 12:30"),                               // Mar: 48.5 h on the wall clock, 47.5 h elapsed (DST)
            h.Case("2026-03-31 23:30"),                                                             // Mar: opened (1 April in UTC)
        ];

        var report = ReportCalculator.MonthlyCases(cases, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31), s_newYork);

        var rows = report.Months.Select(m => (m.CasesOpened, m.ResolvedSameDay, m.AgingResolvedWithin48Hours, m.ResolvedAfter48Hours, m.EscalatedToManufacturer));
        Assert.Equal([(2, 1, 0, 0, 0), (3, 1, 1, 0, 1), (2, 0, 2, 1, 0)], rows);
        Assert.Equal((7, 2, 3, 1, 1), (report.Total.CasesOpened, report.Total.ResolvedSameDay, report.Total.AgingResolvedWithin48Hours, report.Total.ResolvedAfter48Hours, report.Total.EscalatedToManufacturer));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (report.Months[1].From, report.Months[1].To));
    }

    [Fact]
    public void ServiceLevels_GoodDay_EveryObjectiveMet()
    {
        var h = new History(DeskCalendar.Utc);
        var calls = Enumerable.Range(0, 60).Select(i => h.Call($"c{i}", "2026-03-02 09:00", "2026-03-02 09:01", "2026-03-02 09:10")).ToList();
        CaseRecord[] cases = [h.Case("2026-03-02 09:00", resolved: "2026-03-02 10:00", closed: "2026-03-02 10:05")];

        var view = ReportCalculator.ServiceLevels(calls, cases, h.At("2026-03-02 00:00"), h.At("2026-03-02 18:00"), DeskCalendar.Utc);

        Assert.All(view.Objectives, o => Assert.True(o.Met, o.Objective));
        Assert.Equal([1, 2, 3, 4, 5, 6], view.Objectives.Select(o => o.Number));
    }

    [Fact]
    public void ServiceLevels_BadDay_EachMissIsCountedAgainstItsObjective()
    {
        var h = new History(DeskCalendar.Utc);
        CallRecord[] calls =
        [
            h.Call("answered", "2026-03-04 09:00", "2026-03-04 09:04", "2026-03-04 09:10"),
            h.Call("abandoned", "2026-03-04 10:00", ended: "2026-03-04 10:02"),
            h.Call("vm-in-time", "2026-03-04 11:00", ended: "2026-03-04 11:01", voicemail: true, returned: "2026-03-04 11:20"),
            h.Call("vm-late", "2026-03-04 10:30", ended: "2026-03-04 10:31", voicemail: true),
            h.Call("vm-pending", "2026-03-04 11:50", ended: "2026-03-04 11:51", voicemail: true),
            h.Call("not-logged", "2026-03-04 09:30", "2026-03-04 09:31", "2026-03-04 09:40", logged: false),
            h.Call("waiting", "2026-03-04 11:54"),
        ];
        CaseRecord[] cases =
        [
            h.Case("2026-03-01 10:00", resolved: "2026-03-01 15:00", closed: "2026-03-01 16:00"), // within a day, closed same day
            h.Case("2026-03-01 12:00", resolved: "2026-03-02 18:00", closed: "2026-03-03 09:00"), // 30 h; closed next day
            h.Case("2026-03-01 08:00", escalated: "2026-03-01 09:00"),                            // escalated: not measured
            h.Case("2026-03-02 01:00"),                                                           // 59 h open: beyond 48 h
            h.Case("2026-03-04 08:00"),                                                           // 4 h old: undecided
            h.Case("2026-03-03 10:00", resolved: "2026-03-03 11:00"),                             // resolved yesterday, still not closed
        ];

        var view = ReportCalculator.ServiceLevels(calls, cases, h.At("2026-03-01 00:00"), h.At("2026-03-04 12:00"), DeskCalendar.Utc);

        Assert.Equal((TimeSpan.FromMinutes(6), 1), (view.LongestHold, view.CallsWaitingNow));
        Assert.Equal((6, 4, 66.67m), (view.CallsCompleted, view.CallsAbandoned, view.AbandonedPercent));
        Assert.Equal((1, 1, 1), (view.VoiceMessagesReturnedInTime, view.VoiceMessagesLate, view.VoiceMessagesPending));
        Assert.Equal((4, 2, 50m, 1), (view.CasesMeasured, view.CasesResolvedWithinOneDay, view.ResolvedWithinOneDayPercent, view.CasesBeyond48Hours));
        Assert.Equal(1, view.CallsNotLogged);
        Assert.Equal((1, 2), (view.ResolvedClosedSameDay, view.ResolvedNotClosedSameDay));
        Assert.All(view.Objectives, o => Assert.False(o.Met, o.Objective));
    }
}
