using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;

namespace CallRouter.Escalation.Tests;

public sealed class EscalationServiceTests
{
    private static readonly DateTimeOffset InHours = new(2026, 11, 24, 18, 0, 0, TimeSpan.Zero);        // Tue 10:00 PST
    private static readonly DateTimeOffset PtasStaffed = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);     // Tue 19:00 PST
    private static readonly DateTimeOffset PtasUnstaffed = new(2026, 11, 25, 7, 30, 0, TimeSpan.Zero);  // Tue 23:30 PST
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task EscalateAsync_UnknownCase_IsRefusedAndNothingStored()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);

        var ex = await Assert.ThrowsAsync<EscalationException>(() => h.Service.EscalateAsync(EscalationHarness.Request("999999"), None));

        Assert.Equal(EscalationErrorCode.UnknownCase, ex.Code);
        Assert.Contains("999999", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await h.Service.ListForCaseAsync("999999", None));
    }

    [Fact]
    public async Task EscalateAsync_MissingCallbackNumber_IsRefusedAsInvalidArgument()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);

        var ex = await Assert.ThrowsAsync<EscalationException>(() =>
            h.Service.EscalateAsync(EscalationHarness.Request() with { DeskCallbackNumber = " " }, None));

        Assert.Equal(EscalationErrorCode.InvalidArgument, ex.Code);
    }

    [Fact]
    public async Task EscalateAsync_InBusinessHours_PhonesManufacturerWithFifteenMinuteWindow()
    {
        using var h = await EscalationHarness.StartAsync(InHours);

        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);

        Assert.Equal(Calendar.ContactPath.ManufacturerPhone, e.Path);
        var call = Assert.Single(h.Phone.Calls);
        Assert.Equal("+18005550100", call.Destination);
        Assert.Equal(InHours.AddMinutes(15), (await h.Service.GetAsync(e.Id, None))!.ResponseDueAt);
        Assert.Empty(h.Pager.Sent);
    }

    [Fact]
    public async Task EscalateAsync_PtasStaffed_PagesPtasWithDeskContactAndCallback()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);

        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);

        var page = Assert.Single(h.Pager.Sent);
        Assert.Equal("MFRTS", page.PagerId);
        Assert.Equal("+19194613016", page.CallbackNumber);
        Assert.Contains("Pat Desk", page.Message, StringComparison.Ordinal);
        Assert.Contains(EscalationHarness.ProblemNumber, page.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EscalateAsync_PtasUnstaffed_PagesOnCallEngineerFirst()
    {
        using var h = await EscalationHarness.StartAsync(PtasUnstaffed);

        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);

        Assert.Equal(Calendar.ContactPath.OnCallPager, e.Path);
        Assert.Equal("8887900", Assert.Single(h.Pager.Sent).PagerId);
    }

    [Fact]
    public async Task EscalateAsync_CaseAlreadyEscalated_IsRefused()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);

        var ex = await Assert.ThrowsAsync<EscalationException>(() => h.Service.EscalateAsync(EscalationHarness.Request(), None));

        Assert.Equal(EscalationErrorCode.AlreadyEscalated, ex.Code);
    }

    [Fact]
    public async Task Silence_ThirtyMinutesAfterPage_DeskToldClosureDeferredNextContactPaged()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 19:00:00 page reaches the PTAS

        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(59)); // 19:29:59 still waiting
        Assert.Empty(h.Notifier.DeskNotices);
        Assert.False(h.Cases.IsClosureDeferred(EscalationHarness.ProblemNumber));

        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(1));     // 19:30:00 the window closes

        Assert.Single(h.Notifier.DeskNotices);
        Assert.True(h.Cases.IsClosureDeferred(EscalationHarness.ProblemNumber));
        Assert.Equal(["MFRTS", "8887900"], h.Pager.Sent.Select(p => p.PagerId));
        var kinds = h.Cases.EventsOf(EscalationHarness.ProblemNumber).Select(e => e.Kind).ToList();
        Assert.Contains(EscalationEventKind.NoResponse, kinds);
        Assert.Contains(EscalationEventKind.ClosureDeferred, kinds);
    }

    [Fact]
    public async Task Silence_WholeChain_SupervisorAlertedOnce()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 19:00 PTAS paged

        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(30));    // 19:30 on-call paged
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(30));    // 20:00 TS manager paged
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(30));    // 20:30 chain exhausted
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(30));    // 21:00 nothing more happens

        Assert.Single(h.Notifier.SupervisorAlerts);
        Assert.Equal(3, h.Notifier.DeskNotices.Count);
        Assert.Equal(EscalationState.ChainExhausted, (await h.Service.GetAsync(e.Id, None))!.State);
        Assert.Empty(await h.Store.ListPendingTimersAsync(e.Id, None));
    }

    [Fact]
    public async Task PtasAnswer_WithinWindow_RecordedAndNoLapseFollows()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 19:00 page 0 sent
        h.Pager.SetStatus(0, PageState.Answered, "Dana");

        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(12));    // 19:12 the status poll sees the answer
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(30));    // 19:42 past the old due time: nothing

        Assert.Empty(h.Notifier.DeskNotices);
        var responded = Assert.Single(h.Cases.EventsOf(EscalationHarness.ProblemNumber), x => x.Kind == EscalationEventKind.Responded);
        Assert.Equal(TimeSpan.FromMinutes(12), responded.ResponseTime);
        Assert.Equal("Dana", (await h.Service.GetAsync(e.Id, None))!.Responder);
    }

    [Fact]
    public async Task RecordResponseAsync_InHoursCallAcknowledged_ShowsResponseTimeOnCase()
    {
        using var h = await EscalationHarness.StartAsync(InHours);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 10:00 call placed and answered
        await h.Service.ReportCallAnsweredAsync(e.Id, h.Phone.Calls[0].Token, "call-1", None);
        h.Time.Advance(TimeSpan.FromMinutes(7));                  // 10:07 engineer presses 1

        await h.Service.RecordResponseAsync(e.Id, "Lee", "DTMF", None);
        await h.Scheduler.RunOnceAsync(None);

        var responded = Assert.Single(h.Cases.EventsOf(EscalationHarness.ProblemNumber), x => x.Kind == EscalationEventKind.Responded);
        Assert.Equal(TimeSpan.FromMinutes(7), responded.ResponseTime);
    }

    [Fact]
    public async Task RecordResponseAsync_AfterFifteenMinutesInHours_RecordedAsLate()
    {
        using var h = await EscalationHarness.StartAsync(InHours);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 10:00 call placed
        await h.Service.ReportCallAnsweredAsync(e.Id, h.Phone.Calls[0].Token, "call-1", None);   // answered, never acknowledged
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(15));    // 10:15 silence: on-call paged

        h.Time.Advance(TimeSpan.FromMinutes(3));                  // 10:18 Mfr TS calls back at last
        await h.Service.RecordResponseAsync(e.Id, "Lee", "API", None);
        await h.Scheduler.RunOnceAsync(None);

        var late = Assert.Single(h.Cases.EventsOf(EscalationHarness.ProblemNumber), x => x.Kind == EscalationEventKind.RespondedLate);
        Assert.Equal(TimeSpan.FromMinutes(18), late.ResponseTime);
    }

    [Fact]
    public async Task PagerError_TwoSnppFailures_RetriedAndWindowRunsFromDelivery()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        h.Pager.SendFailures.Enqueue(new ContactChannelException("snpp", "SEND refused: 554 Error, failed", 554));
        h.Pager.SendFailures.Enqueue(new ContactChannelException("snpp", "SEND refused: 554 Error, failed", 554));
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);

        await h.Scheduler.RunOnceAsync(None);                     // 19:00:00 554, retry in 30 s
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(30));    // 19:00:30 554, retry in 60 s
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(60));    // 19:01:30 accepted

        Assert.Single(h.Pager.Sent);
        Assert.Equal(3, h.Pager.Attempts.Count);
        var stored = (await h.Service.GetAsync(e.Id, None))!;
        Assert.Equal(PtasStaffed.AddSeconds(90).AddMinutes(30), stored.ResponseDueAt);
        var failures = (await h.Service.ListEventsAsync(e.Id, None)).Where(x => x.Kind == EscalationEventKind.ContactFailed).ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Contains("554", f.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PagerDown_WholeWindow_TimerStillLapsesToNextContact()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        h.Pager.FailingPagers.Add("MFRTS");
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 19:00 the PTAS gateway refuses

        for (var i = 0; i < 30; i++)
        {
            await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(1)); // retries every 30 s .. 5 min until 19:30
        }

        var attemptsAtLapse = h.Pager.Attempts.Count(a => a.PagerId == "MFRTS");
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(10));    // 19:40 the PTAS contact is no longer retried

        Assert.Equal("8887900", Assert.Single(h.Pager.Sent).PagerId);
        Assert.Single(h.Notifier.DeskNotices);
        Assert.Equal(attemptsAtLapse, h.Pager.Attempts.Count(a => a.PagerId == "MFRTS"));
    }

    [Fact]
    public async Task PtasReportsUnreachable_BeforeWindowEnds_DeskToldAndNextContactPaged()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 19:00 page 0 sent
        h.Pager.SetStatus(0, PageState.Unreachable);

        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(20));    // 19:20 the poll hears "cannot reach"

        Assert.Single(h.Notifier.DeskNotices);
        Assert.Equal("8887900", h.Pager.Sent[^1].PagerId);
        Assert.Contains(h.Cases.EventsOf(EscalationHarness.ProblemNumber), x => x.Kind == EscalationEventKind.Unreachable);
    }

    [Fact]
    public async Task ReportUnreachableAsync_PushedNoticeForCurrentPage_DeskToldAndNextContactPaged()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 19:00 page 1001 to the PTAS
        h.Time.Advance(TimeSpan.FromMinutes(25));                 // 19:25 the PTAS posts "cannot reach"

        var e = await h.Service.ReportUnreachableAsync("1001", "PTAS webhook", None);
        await h.Scheduler.RunOnceAsync(None);

        Assert.Equal(1, e.ContactIndex);
        Assert.Single(h.Notifier.DeskNotices);
        Assert.Equal("8887900", h.Pager.Sent[^1].PagerId);
    }

    [Fact]
    public async Task ReportUnreachableAsync_UnknownMessageTag_IsRefused()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);

        var ex = await Assert.ThrowsAsync<EscalationException>(() => h.Service.ReportUnreachableAsync("4242", "webhook", None));

        Assert.Equal(EscalationErrorCode.UnknownEscalation, ex.Code);
    }

    [Fact]
    public async Task QueryStatusAsync_TenMinutesIn_ReportsTimeLeftAndIsRecorded()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                     // 19:00 paged
        h.Time.Advance(TimeSpan.FromMinutes(10));                 // 19:10 the desk asks the PTAS

        var status = await h.Service.QueryStatusAsync(e.Id, "agent1", None);

        Assert.Equal(TimeSpan.FromMinutes(20), status.TimeLeft);
        Assert.Equal(PageState.Delivered, status.Page!.State);
        Assert.Contains(await h.Service.ListEventsAsync(e.Id, None), x => x.Kind == EscalationEventKind.StatusQueried);
    }

    [Fact]
    public async Task QueryStatusAsync_UnknownEscalation_IsRefused()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);

        var ex = await Assert.ThrowsAsync<EscalationException>(() => h.Service.QueryStatusAsync("260001-E9", "agent1", None));

        Assert.Equal(EscalationErrorCode.UnknownEscalation, ex.Code);
    }

    [Fact]
    public async Task HandBackAsync_AfterResponse_EndsEscalationAndAllowsANewOne()
    {
        using var h = await EscalationHarness.StartAsync(PtasStaffed);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);
        await h.Service.RecordResponseAsync(e.Id, "Dana", "API", None);

        var handed = await h.Service.HandBackAsync(e.Id, "mfr1", "fixed by firmware 5.0r3", None);
        var second = await h.Service.EscalateAsync(EscalationHarness.Request(), None);

        Assert.Equal(EscalationState.HandedBack, handed.State);
        Assert.Empty(await h.Store.ListPendingTimersAsync(e.Id, None));
        Assert.Equal($"{EscalationHarness.ProblemNumber}-E2", second.Id);
    }
}
