using CallRouter.Escalation.Calendar;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Storage;

namespace CallRouter.Escalation.Tests;

public sealed class ResilienceTests
{
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero); // Sat 10:00 PST, PTAS staffed
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task CommitAsync_StateConflictAfterTimerMarked_RollsBackSoTheTimerStaysPending()
    {
        using var h = await EscalationHarness.StartAsync(Saturday);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        var timer = Assert.Single(await h.Store.ListPendingTimersAsync(e.Id, None));

        // A transition that marks the timer fired but carries a stale version: the whole
        // transaction must fail, the firing included.
        var ex = await Assert.ThrowsAsync<EscalationException>(() => h.Store.CommitAsync(new EscalationCommit
        {
            Escalation = e with { State = EscalationState.ChainExhausted, Version = 7 },
            ExpectedVersion = 6,
            FiredTimerId = timer.Id,
            Now = Saturday,
        }, None));

        Assert.Equal(EscalationErrorCode.Conflict, ex.Code);
        Assert.Equal(timer, Assert.Single(await h.Store.ListPendingTimersAsync(e.Id, None)));
        Assert.Equal(EscalationState.AwaitingResponse, (await h.Store.GetAsync(e.Id, None))!.State);
    }

    [Fact]
    public async Task ForwardEvents_CaseServiceDownThenUp_EveryEventArrivesOnceInOrder()
    {
        using var h = await EscalationHarness.StartAsync(Saturday);
        var flaky = new FlakyCaseGateway(h.Cases) { Down = true };
        var service = new EscalationService(h.Store, flaky, h.Pager, h.Phone, h.Notifier,
            ContactPathPolicy.FromOptions(new EscalationScheduleOptions()), h.Options, h.Time);
        var scheduler = new EscalationScheduler(service, h.Options, h.Time);
        await service.EscalateAsync(EscalationHarness.Request(), None);

        await scheduler.RunOnceAsync(None);                              // 10:00 page sent; case service down
        for (var i = 0; i < 30; i++)
        {
            h.Time.Advance(TimeSpan.FromMinutes(1));                     // to 10:30: silence while the case service is down
            await scheduler.RunOnceAsync(None);
        }

        var stored = await h.Store.ListEventsAsync($"{EscalationHarness.ProblemNumber}-E1", None);
        Assert.Empty(h.Cases.EventsOf(EscalationHarness.ProblemNumber));
        Assert.False(h.Cases.IsClosureDeferred(EscalationHarness.ProblemNumber));

        flaky.Down = false;                                              // 10:36 it is back
        h.Time.Advance(TimeSpan.FromMinutes(6));
        await scheduler.RunOnceAsync(None);
        await scheduler.RunOnceAsync(None);

        Assert.True(flaky.Refused > 0);
        Assert.True(h.Cases.IsClosureDeferred(EscalationHarness.ProblemNumber));
        var delivered = h.Cases.EventsOf(EscalationHarness.ProblemNumber);
        Assert.Equal(stored.Select(x => x.Id), delivered.Take(stored.Count).Select(x => x.Id));
    }
}
