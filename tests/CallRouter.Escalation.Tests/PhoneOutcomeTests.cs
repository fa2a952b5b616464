using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Tests;

/// <summary>
/// The in-hours call's outcome arrives after the heartbeat has moved on: placing returns at once
/// (here the recording phone plays the gateway), and the test reports answered / busy / no answer
/// later, as the gateway does once the phone has rung. Fake clock throughout; on SQLite here, on
/// PostgreSQL in <see cref="Postgres.PhoneOutcomeTestsOnPostgres"/>.
/// </summary>
public class PhoneOutcomeTests
{
    private static readonly DateTimeOffset InHours = new(2026, 11, 24, 18, 0, 0, TimeSpan.Zero);   // Tue 10:00 PST
    private const string SecondCase = "260002";
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The harness over the store kind under test.</summary>
    private protected virtual Task<EscalationHarness> StartAsync(DateTimeOffset start) => EscalationHarness.StartAsync(start);

    [Fact]
    public async Task CallStillRinging_AnotherEscalationsResponseTimer_FiresOnTime()
    {
        using var h = await StartAsync(InHours);
        h.Cases.AddCase(SecondCase);
        var first = await h.Service.EscalateAsync(EscalationHarness.Request(SecondCase), None);
        await h.Scheduler.RunOnceAsync(None);                                      // 10:00:00 first call placed
        await h.Service.ReportCallAnsweredAsync(first.Id, h.Phone.Calls[0].Token, "call-1", None);   // answered: due 10:15:00
        h.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(10));
        var ringing = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                                      // 10:14:50 second call placed; it rings 30 s

        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(10));                     // 10:15:00, the second phone still ringing

        var silence = Assert.Single(await h.Store.ListEventsAsync(first.Id, None), x => x.Kind == EscalationEventKind.NoResponse);
        Assert.Equal(InHours.AddMinutes(15), silence.At);
        Assert.Equal(1, (await h.Service.GetAsync(first.Id, None))!.ContactIndex);
        var stillRinging = (await h.Service.GetAsync(ringing.Id, None))!;
        Assert.Equal(h.Phone.Calls[1].Token, stillRinging.CurrentCall?.Token);
        Assert.DoesNotContain(await h.Store.ListEventsAsync(ringing.Id, None), x => x.Kind == EscalationEventKind.ContactFailed);
    }

    [Fact]
    public async Task FailureReportedAfterPlacing_RecordedAsFailedContactAndRetriedWithDoublingBackOff()
    {
        using var h = await StartAsync(InHours);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                                      // 10:00:00 call 1 placed
        h.Time.Advance(TimeSpan.FromSeconds(4));

        await h.Service.ReportContactFailedAsync(e.Id, h.Phone.Calls[0].Token, "+18005550100 is busy (486)", None);   // 10:00:04

        var failed = Assert.Single(await h.Store.ListEventsAsync(e.Id, None), x => x.Kind == EscalationEventKind.ContactFailed);
        Assert.Equal((InHours.AddSeconds(4), "phone: +18005550100 is busy (486)"), (failed.At, failed.Detail));
        var afterFailure = (await h.Service.GetAsync(e.Id, None))!;
        Assert.Equal((EscalationState.AwaitingResponse, 0, (PhoneCallAttempt?)null), (afterFailure.State, afterFailure.ContactIndex, afterFailure.CurrentCall));
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(29));                     // 10:00:33 back-off (30 s) not over
        Assert.Single(h.Phone.Calls);
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(1));                      // 10:00:34 call 2
        Assert.Equal(2, h.Phone.Calls.Count);

        await h.Service.ReportContactFailedAsync(e.Id, h.Phone.Calls[1].Token, "no answer from +18005550100 within 30 s", None);
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(59));                     // the second back-off is 60 s
        Assert.Equal(2, h.Phone.Calls.Count);
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(3, h.Phone.Calls.Count);
        Assert.Equal(2, (await h.Store.ListEventsAsync(e.Id, None)).Count(x => x.Kind == EscalationEventKind.ContactFailed));
        Assert.Equal(3, (await h.Store.ListEventsAsync(e.Id, None)).Count(x => x.Kind == EscalationEventKind.CallPlaced));
        Assert.Equal(InHours.AddMinutes(15), (await h.Service.GetAsync(e.Id, None))!.ResponseDueAt);
    }

    [Fact]
    public async Task LateFailureReport_ForACallAlreadyReplacedOrAContactPassed_ChangesNothing()
    {
        using var h = await StartAsync(InHours);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                                      // call 1
        await h.Service.ReportContactFailedAsync(e.Id, h.Phone.Calls[0].Token, "busy (486)", None);
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(30));                     // call 2
        var beforeLate = (await h.Service.GetAsync(e.Id, None))!;

        var afterRepeat = await h.Service.ReportContactFailedAsync(e.Id, h.Phone.Calls[0].Token, "busy (486)", None);   // call 1 again, late

        Assert.Equal(beforeLate.Version, afterRepeat.Version);
        Assert.Equal(h.Phone.Calls[1].Token, afterRepeat.CurrentCall?.Token);
        Assert.Single(await h.Store.ListEventsAsync(e.Id, None), x => x.Kind == EscalationEventKind.ContactFailed);

        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(15));                     // the window lapses: on-call engineer paged
        var passed = (await h.Service.GetAsync(e.Id, None))!;
        Assert.Equal(1, passed.ContactIndex);
        var afterPassed = await h.Service.ReportContactFailedAsync(e.Id, h.Phone.Calls[1].Token, "no answer within 30 s", None);
        var answeredLate = await h.Service.ReportCallAnsweredAsync(e.Id, h.Phone.Calls[1].Token, "call-2", None);

        Assert.Equal((passed.Version, passed.Version), (afterPassed.Version, answeredLate.Version));
        Assert.Single(await h.Store.ListEventsAsync(e.Id, None), x => x.Kind == EscalationEventKind.ContactFailed);
        Assert.DoesNotContain(await h.Store.ListEventsAsync(e.Id, None), x => x.Kind == EscalationEventKind.ContactDelivered && x.Contact == "Mfr TS");
        Assert.Single(h.Pager.Sent);
        Assert.Equal(2, h.Phone.Calls.Count);
    }

    [Fact]
    public async Task AnsweredReport_DeliversTheContactAndRestartsTheWindowFromTheAnswer()
    {
        using var h = await StartAsync(InHours);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);
        h.Time.Advance(TimeSpan.FromSeconds(12));

        var answered = await h.Service.ReportCallAnsweredAsync(e.Id, h.Phone.Calls[0].Token, "abc@127.0.0.1", None);
        var failedAfterAnswer = await h.Service.ReportContactFailedAsync(e.Id, h.Phone.Calls[0].Token, "hung up", None);

        Assert.Equal(InHours.AddSeconds(12), answered.CurrentContactDeliveredAt);
        Assert.Equal(InHours.AddSeconds(12).AddMinutes(15), answered.ResponseDueAt);
        Assert.Null(answered.CurrentCall);
        Assert.Equal(answered.Version, failedAfterAnswer.Version);
        var delivered = Assert.Single(await h.Store.ListEventsAsync(e.Id, None), x => x.Kind == EscalationEventKind.ContactDelivered);
        Assert.Contains("call abc@127.0.0.1 to +18005550100 answered", delivered.Detail, StringComparison.Ordinal);
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(5));                      // the outbox item is done: no second call
        Assert.Single(h.Phone.Calls);
    }

    [Fact]
    public async Task NoOutcomeEverReported_CallPlacedAgainAfterThePhoneOutcomeTimeout()
    {
        using var h = await StartAsync(InHours);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                                      // call 1; the gateway then stops

        await h.AdvanceAndBeatAsync(h.Options.PhoneOutcomeTimeout - TimeSpan.FromSeconds(1));
        Assert.Single(h.Phone.Calls);
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(2, h.Phone.Calls.Count);
        Assert.NotEqual(h.Phone.Calls[0].Token, h.Phone.Calls[1].Token);
        Assert.Equal(h.Phone.Calls[1].Token, (await h.Service.GetAsync(e.Id, None))!.CurrentCall?.Token);
    }

    [Fact]
    public async Task ReportForUnknownEscalation_IsRefusedNamingIt()
    {
        using var h = await StartAsync(InHours);

        var ex = await Assert.ThrowsAsync<EscalationException>(() => h.Service.ReportContactFailedAsync("260001-E9", "0-x", "busy", None));

        Assert.Equal(EscalationErrorCode.UnknownEscalation, ex.Code);
        Assert.Contains("260001-E9", ex.Message, StringComparison.Ordinal);
    }
}
