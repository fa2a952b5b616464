using Microsoft.Extensions.Time.Testing;
using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class StatisticsTests
{
    [Fact]
    public void GetStatistics_BusyDesk_ReportsQueuesAgentsAndTodaysCounters()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.LoggedIn("a2", AgentLevel.L1, Ns5);
        RoutingHarness.Ok(h.Engine.AddAgent("a3", new AgentSkills(AgentLevel.L2, [Ns5])));

        // t=0: c1 answered by a1; c2 and c3 wait; t=30 s c4 arrives and is abandoned at t=40 s.
        h.Enqueue("c1", Ns10, 2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));
        h.Enqueue("c2", Ns10, 2);
        h.Enqueue("c3", NsRemote, 4);
        h.At(30);
        h.Enqueue("c4", Ns10, 2);
        h.At(40);
        RoutingHarness.Ok(h.Engine.AbandonCall("c4"));

        var stats = h.Engine.GetStatistics();

        Assert.Equal(32, stats.Queues.Count);
        var ns10s2 = Assert.Single(stats.Queues, q => q is { Model: Ns10, Severity: 2, Level: AgentLevel.L1 });
        Assert.Equal((1, TimeSpan.FromSeconds(40)), (ns10s2.Waiting, ns10s2.LongestWait));
        Assert.Equal(2, stats.Queues.Sum(q => q.Waiting));
        Assert.Equal(TimeSpan.FromSeconds(40), stats.LongestWait);
        Assert.Equal(1, stats.AgentsByState[AgentState.OnCall]);
        Assert.Equal(1, stats.AgentsByState[AgentState.NotReady]);
        Assert.Equal(1, stats.AgentsByState[AgentState.Offline]);
        Assert.Equal(0, stats.AgentsByState[AgentState.Available]);
        Assert.Equal((4, 1, 1, 1), (stats.CallsOfferedToday, stats.CallsAnsweredToday, stats.CallsAbandonedToday, stats.AgentOffersToday));
        Assert.Equal(new DateOnly(2026, 11, 24), stats.Day);
    }

    [Fact]
    public void GetStatistics_AfterLocalMidnight_TodaysCountersRestart()
    {
        // The fake clock's local time zone is UTC; start at 23:59:00.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 23, 59, 0, TimeSpan.Zero));
        var engine = new RoutingEngine(new RoutingOptions(), time, new RecordingSink());
        RoutingHarness.Ok(engine.EnqueueCall(new CallRequest("c1", Ns5, 3)));
        Assert.Equal(1, engine.GetStatistics().CallsOfferedToday);

        // 00:00:30 the next day: c1 is still waiting, but today's counters start from zero.
        time.Advance(TimeSpan.FromSeconds(90));
        var stats = engine.GetStatistics();

        Assert.Equal(new DateOnly(2026, 11, 25), stats.Day);
        Assert.Equal(0, stats.CallsOfferedToday);
        Assert.Equal(1, stats.Queues.Sum(q => q.Waiting));
    }

    [Fact]
    public void GetStatistics_TimeZoneAhead_DayFollowsLocalDate()
    {
        // 23:30 UTC is 00:30 the next day in a UTC+1 zone.
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test+1", TimeSpan.FromHours(1), "Test+1", "Test+1");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(zone);
        var engine = new RoutingEngine(new RoutingOptions(), time, new RecordingSink());

        Assert.Equal(new DateOnly(2026, 11, 25), engine.GetStatistics().Day);
    }
}
