using CallRouter.Cases.Domain;
using CallRouter.Cases.Reports;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

/// <summary>Reports read through a real store with a New York desk calendar; run once per store kind.</summary>
public abstract class ReportContract : StoreTestBase
{
    private static readonly DeskCalendar s_newYork = new(TestClock.NewYork);

    protected override DeskCalendar Calendar => s_newYork;

    private ReportService Reports => new(Store, Clock, s_newYork);

    [Fact]
    public async Task WeeklyCalls_FromStore_SelectsCallsByDeskLocalDay()
    {
        var opened = await OpenAsync();
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.Zero));
        // 03:00Z on Monday 2 March is still Sunday evening in New York: outside the week.
        var sundayEvening = new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero);
        var mondayMorning = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "sun", ProblemNumber = opened.ProblemNumber, StartedAt = sundayEvening, AnsweredAt = sundayEvening.AddMinutes(1), EndedAt = sundayEvening.AddMinutes(5) });
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "mon", ProblemNumber = opened.ProblemNumber, StartedAt = mondayMorning, AnsweredAt = mondayMorning.AddMinutes(3), EndedAt = mondayMorning.AddMinutes(9) });

        var report = await Reports.WeeklyCallsAsync(Supervisor, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8));

        Assert.Equal((1, TimeSpan.FromMinutes(3)), (report.Total.CallsReceived, report.Total.LongestWait));
    }

    [Fact]
    public async Task MonthlyCases_FromStore_CountsSameDayResolutionAndEscalation()
    {
        var sameDay = await OpenAsync();
        var escalated = await OpenAsync();
        Clock.Advance(TimeSpan.FromHours(2));
        await Cases.ChangeStateAsync(Agent, sameDay.ProblemNumber, CaseState.Resolved);
        await Cases.ChangeStateAsync(Agent, escalated.ProblemNumber, CaseState.EscalatedToManufacturer);

        var report = await Reports.MonthlyCasesAsync(Supervisor, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

        Assert.Equal((2, 1, 1), (report.Total.CasesOpened, report.Total.ResolvedSameDay, report.Total.EscalatedToManufacturer));
    }

    [Fact]
    public async Task MonthlyCases_FromStore_CountsEscalationOutcomesRecordedOnTheCase()
    {
        var escalated = await OpenAsync();
        var other = await OpenAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        await Cases.ChangeStateAsync(Agent, escalated.ProblemNumber, CaseState.EscalatedToManufacturer);
        var at = Clock.GetUtcNow();
        foreach (var (minutes, action) in new[] { (0, "EscalationStarted"), (30, "EscalationNoResponse"), (31, "EscalationDeskNotified"), (42, "EscalationRespondedLate"), (90, "EscalationHandedBack") })
        {
            await Store.AppendAuditAsync(new AuditEntry(0, escalated.ProblemNumber, at.AddMinutes(minutes), "escalation", Role.System, action, "E1"));
        }

        // A line that only looks like an outcome, on a case never escalated, is not counted.
        await Store.AppendAuditAsync(new AuditEntry(0, other.ProblemNumber, at, "escalation", Role.System, "EscalationResponded", "stray"));

        var report = await Reports.MonthlyCasesAsync(Supervisor, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

        var t = report.Total;
        Assert.Equal((1, 0, 1, 1, 0, 1), (t.EscalatedToManufacturer, t.EscalationResponsesInTime, t.EscalationResponsesLate, t.EscalationSilences, t.EscalationUnreachable, t.EscalationHandBacks));
    }

    [Fact]
    public async Task ServiceLevels_FromStore_SeesTheCallWaitingNow()
    {
        var opened = await OpenAsync();
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "waiting", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start, QueuedAt = TestClock.Start });
        Clock.Advance(TimeSpan.FromMinutes(7));

        var view = await Reports.ServiceLevelsAsync(Supervisor);

        Assert.Equal((TimeSpan.FromMinutes(7), 1), (view.LongestHold, view.CallsWaitingNow));
        Assert.False(view.Objectives[0].Met);
    }

    [Fact]
    public async Task Reports_AgentOrManufacturer_PermissionDenied()
    {
        await ThrowsCase(CaseErrorCode.PermissionDenied, () => Reports.WeeklyCallsAsync(Agent, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8)));
        await ThrowsCase(CaseErrorCode.PermissionDenied, () => Reports.ServiceLevelsAsync(MfrTs));
    }
}
