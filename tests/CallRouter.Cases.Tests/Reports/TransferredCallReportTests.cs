using CallRouter.Cases.Domain;
using CallRouter.Cases.Reports;

namespace CallRouter.Cases.Tests.Reports;

/// <summary>
/// A call L1 transferred to L2 is one call in the reports: its wait is the time to the first answer,
/// its talk leaves the caller's wait for L2 out, and that wait is shown apart.
/// </summary>
public sealed class TransferredCallReportTests
{
    private static readonly History s_h = new(DeskCalendar.Utc);

    // Answered after 1 min; 10 min with L1; 7 min waiting for L2; 5 min with L2.
    private static readonly CallRecord s_answeredByL2 =
        s_h.TransferredCall("l2", "2026-03-02 09:00", "2026-03-02 09:01", "2026-03-02 09:11", "2026-03-02 09:18", "2026-03-02 09:23");

    // Answered after 2 min; 4 min with L1; the caller hangs up after 12 min waiting for L2.
    private static readonly CallRecord s_leftWaiting =
        s_h.TransferredCall("gone", "2026-03-03 10:00", "2026-03-03 10:02", "2026-03-03 10:06", null, "2026-03-03 10:18");

    [Fact]
    public void WeeklyCalls_TransferredCalls_TalkLeavesOutTheL2WaitWhichIsShownApart()
    {
        var plain = s_h.Call("plain", "2026-03-04 09:00", "2026-03-04 09:03", "2026-03-04 09:13");

        var week = ReportCalculator.WeeklyCalls([s_answeredByL2, s_leftWaiting, plain], new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), DeskCalendar.Utc).Total;

        // Talk: (10 + 5) + 4 + 10 minutes; L2 waits 7 and 12 minutes.
        Assert.Equal((3, 0, 3), (week.CallsReceived, week.CallsAbandoned, week.CallsAnswered));
        Assert.Equal((2, TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(29)), (week.TransferredToLevel2, week.LongestLevel2Wait, week.TalkTime));
        // The wait to answer stays the time to the first (L1) answer: 1, 2 and 3 minutes.
        Assert.Equal((TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(3)), (week.AverageWait, week.LongestWait));
    }

    [Fact]
    public void ServiceLevels_CallerHeldOverFiveMinutesWaitingForL2_MissesTheLongestHoldObjectiveAndIsNotAbandoned()
    {
        var view = ReportCalculator.ServiceLevels([s_answeredByL2, s_leftWaiting], [], s_h.At("2026-03-02 00:00"), s_h.At("2026-03-04 00:00"), DeskCalendar.Utc);

        Assert.Equal(TimeSpan.FromMinutes(12), view.LongestHold);
        Assert.False(view.Objectives.Single(o => o.Number == 1).Met);
        Assert.Equal((2, 0), (view.CallsCompleted, view.CallsAbandoned));
    }

    [Fact]
    public void ServiceLevels_ShortWaitForL2_LongestHoldIsTheLongerOfTheTwoWaits()
    {
        var quick = s_h.TransferredCall("quick", "2026-03-02 09:00", "2026-03-02 09:04", "2026-03-02 09:10", "2026-03-02 09:12", "2026-03-02 09:20");

        var view = ReportCalculator.ServiceLevels([quick], [], s_h.At("2026-03-02 00:00"), s_h.At("2026-03-03 00:00"), DeskCalendar.Utc);

        Assert.Equal(TimeSpan.FromMinutes(4), view.LongestHold);
        Assert.True(view.Objectives.Single(o => o.Number == 1).Met);
    }
}
