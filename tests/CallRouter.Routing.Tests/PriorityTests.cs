using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class PriorityTests
{
    [Fact]
    public void AgentBecomesAvailable_CallsOfSeveralSeverities_OffersMostSevereFirst()
    {
        var h = new RoutingHarness();
        h.LoggedIn("a1", AgentLevel.L1, Ns10);
        h.LoggedIn("a2", AgentLevel.L1, Ns10);
        h.LoggedIn("a3", AgentLevel.L1, Ns10);

        // t=0: three calls arrive, least severe first, while nobody is available.
        h.Enqueue("s4", Ns10, 4);
        h.Enqueue("s2", Ns10, 2);
        h.Enqueue("s1", Ns10, 1);

        // t=0: agents become available one by one; each takes the most severe waiting call.
        HarnessOk(h, "a1");
        HarnessOk(h, "a2");
        HarnessOk(h, "a3");

        Assert.Equal([("s1", "a1"), ("s2", "a2"), ("s4", "a3")], h.Sink.Offers());
        h.AssertConsistent();
    }

    [Fact]
    public void AgentBecomesAvailable_SameSeverity_OffersOldestFirst()
    {
        var h = new RoutingHarness();
        h.LoggedIn("a1", AgentLevel.L1, Ns5);

        // t=0 and t=5 s: two severity-3 calls.
        h.Enqueue("first", Ns5, 3);
        h.At(5);
        h.Enqueue("second", Ns5, 3);

        // t=6 s: the agent becomes available.
        h.At(6);
        HarnessOk(h, "a1");

        Assert.Equal([("first", "a1")], h.Sink.Offers());
    }

    [Fact]
    public void AgentBecomesAvailable_LowSeverityWaitedLongerThanHeadStartGap_AgeingPutsItFirst()
    {
        var h = new RoutingHarness();
        h.LoggedIn("a1", AgentLevel.L1, Ns100);

        // t=0: severity 4 arrives. t=250 s: severity 1 arrives (head start gap is 240 s).
        h.Enqueue("old-s4", Ns100, 4);
        h.At(250);
        h.Enqueue("new-s1", Ns100, 1);

        // Scores at t=250 s: old-s4 = 0 + 250 = 250, new-s1 = 240 + 0 = 240.
        HarnessOk(h, "a1");

        Assert.Equal("old-s4", h.Sink.Offers()[0].Call);
    }

    [Fact]
    public void AgentBecomesAvailable_LowSeverityWaitedLessThanHeadStartGap_SeverityStillFirst()
    {
        var h = new RoutingHarness();
        h.LoggedIn("a1", AgentLevel.L1, Ns100);

        // t=0: severity 4 arrives. t=230 s: severity 1 arrives; scores 230 versus 240.
        h.Enqueue("old-s4", Ns100, 4);
        h.At(230);
        h.Enqueue("new-s1", Ns100, 1);
        HarnessOk(h, "a1");

        Assert.Equal("new-s1", h.Sink.Offers()[0].Call);
    }

    [Fact]
    public void AgentBecomesAvailable_EqualScores_TieBreaksOnEnqueueOrder()
    {
        var h = new RoutingHarness();
        h.LoggedIn("a1", AgentLevel.L1, NsRemote);

        // t=0: severity 2 (head start 120 s). t=120 s: severity 1 (head start 240 s).
        // At t=120 s both score exactly 240; the one queued first wins.
        h.Enqueue("s2", NsRemote, 2);
        h.At(120);
        h.Enqueue("s1", NsRemote, 1);
        HarnessOk(h, "a1");

        Assert.Equal("s2", h.Sink.Offers()[0].Call);
    }

    [Fact]
    public void LowSeverityCall_SteadyStreamOfSevereCalls_OnlyThoseWithinHeadStartGapGoAhead()
    {
        var h = new RoutingHarness();
        h.LoggedIn("a1", AgentLevel.L1, Ns5);

        // t=0: a severity-4 call. Then a severity-1 call every 10 s for 10 minutes.
        h.Enqueue("s4", Ns5, 4);
        for (var i = 1; i <= 60; i++)
        {
            h.At(i * 10);
            h.Enqueue($"s1-{i}", Ns5, 1);
        }

        // t=600 s: only the severity-1 calls that arrived less than 240 s after s4 (t=10..230 s, 23 calls)
        // are ahead of it; the 37 that came later queue behind it, however many keep arriving.
        var snapshot = h.Engine.GetCall("s4")!;
        Assert.Equal(CallState.Queued, snapshot.State);
        Assert.Equal(23 + 1, snapshot.Position);
    }

    private static void HarnessOk(RoutingHarness h, string agentId) => RoutingHarness.Ok(h.Engine.SetAvailable(agentId));
}
