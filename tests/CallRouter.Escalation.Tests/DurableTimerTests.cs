using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Tests;

/// <summary>Timers survive restarts and fire once; on SQLite here, on PostgreSQL in <see cref="DurableTimerTestsOnPostgres"/>.</summary>
public class DurableTimerTests
{
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero); // Sat 10:00 PST, PTAS staffed
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The harness over the store kind under test.</summary>
    private protected virtual Task<EscalationHarness> StartAsync(DateTimeOffset start) => EscalationHarness.StartAsync(start);

    private static int Count(EscalationHarness h, EscalationEventKind kind) =>
        h.Cases.EventsOf(EscalationHarness.ProblemNumber).Count(e => e.Kind == kind);

    [Fact]
    public async Task Restart_MidWindow_TimerFiresOnceAtItsOriginalDueInstant()
    {
        using var h = await StartAsync(Saturday);
        var e = await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                      // 10:00 PTAS paged, due 10:30
        h.Time.Advance(TimeSpan.FromMinutes(10));                  // 10:10 the process dies

        h.Restart();                                               // 10:10 a new process over the same file
        var pending = Assert.Single(await h.Store.ListPendingTimersAsync(e.Id, None));
        Assert.Equal(TimeSpan.FromMinutes(20), pending.DueAt - h.Time.GetUtcNow()); // 20 minutes remain
        Assert.Equal(Saturday.AddMinutes(30), await h.Service.NextWakeAsync(None));

        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(19) + TimeSpan.FromSeconds(59)); // 10:29:59 not yet
        Assert.Equal(0, Count(h, EscalationEventKind.NoResponse));
        var firedNow = await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(1)); // 10:30:00 fires
        Assert.True(firedNow > 0);
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(1));      // 10:31 and after another restart: no second firing
        h.Restart();
        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(1));

        var silence = Assert.Single(h.Cases.EventsOf(EscalationHarness.ProblemNumber), x => x.Kind == EscalationEventKind.NoResponse);
        Assert.Equal(Saturday.AddMinutes(30), silence.At);
        Assert.Single(h.Notifier.DeskNotices);
        Assert.Equal(2, h.Pager.Sent.Count);
    }

    [Fact]
    public async Task Restart_AfterBeingDownPastTheDueInstant_TimerFiresOnceAtStartup()
    {
        using var h = await StartAsync(Saturday);
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                      // 10:00 paged, due 10:30
        h.Time.Advance(TimeSpan.FromMinutes(45));                  // down from 10:00 to 10:45

        h.Restart();
        await h.Scheduler.RunOnceAsync(None);                      // 10:45 first beat fires the overdue timer
        await h.Scheduler.RunOnceAsync(None);                      // 10:45 a second beat finds nothing

        Assert.Equal(1, Count(h, EscalationEventKind.NoResponse));
        Assert.Equal(["MFRTS", "8887900"], h.Pager.Sent.Select(p => p.PagerId));
    }

    [Fact]
    public async Task TwoHosts_SameDatabase_TimerFiresOnce()
    {
        using var h = await StartAsync(Saturday);
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                      // 10:00 paged
        h.Time.Advance(TimeSpan.FromMinutes(30));                  // 10:30 due
        var first = h.Service;
        h.Restart();
        var second = h.Service;

        var fired = await Task.WhenAll(
            Task.Run(() => first.FireDueTimersAsync(None)),
            Task.Run(() => second.FireDueTimersAsync(None)));
        await h.Scheduler.RunOnceAsync(None);

        Assert.Equal(1, fired.Sum());
        Assert.Equal(1, Count(h, EscalationEventKind.NoResponse));
        Assert.Single(h.Notifier.DeskNotices);
    }

    [Fact]
    public async Task Restart_WithUnsentContact_SendsItAfterRestart()
    {
        using var h = await StartAsync(Saturday);
        await h.Service.EscalateAsync(EscalationHarness.Request(), None); // 10:00 stored; the process dies before the heartbeat

        h.Restart();
        await h.Scheduler.RunOnceAsync(None);                      // 10:00 the outbox survives: the page goes out

        Assert.Equal("MFRTS", Assert.Single(h.Pager.Sent).PagerId);
    }

    [Fact]
    public async Task RunAsync_OnFakeClock_SleepsUntilTheTimerAndFiresIt()
    {
        using var h = await StartAsync(Saturday);
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        using var stop = new CancellationTokenSource();
        var loop = h.Scheduler.RunAsync(stop.Token);

        // Virtual time moves a minute at a time from 10:00; the loop must fire at 10:30 on its
        // own. Real time is only the bound on how long the test may take.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (h.Notifier.DeskNotices.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            if (h.Pager.Sent.Count > 0)
            {
                h.Time.Advance(TimeSpan.FromMinutes(1));
            }
        }

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(h.Notifier.DeskNotices);
        var silence = Assert.Single(await h.Store.ListEventsAsync($"{EscalationHarness.ProblemNumber}-E1", None), x => x.Kind == EscalationEventKind.NoResponse);
        Assert.True(silence.At >= Saturday.AddMinutes(30));
    }
}
