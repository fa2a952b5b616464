using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class SkillMatchTests
{
    [Fact]
    public void CallArrives_SpecialistAvailable_OffersToSpecialistOfThatModel()
    {
        var h = new RoutingHarness();
        h.Ready("ns5", AgentLevel.L1, Ns5);
        h.Ready("ns10", AgentLevel.L1, Ns10);

        // t=0: an NS10 call arrives.
        h.Enqueue("c1", Ns10, 2);

        Assert.Equal([("c1", "ns10")], h.Sink.Offers());
        Assert.Equal(0, h.Sink.Last(RoutingEventKind.CallOffered).OverflowStep);
        Assert.Equal(AgentState.Reserved, h.StateOf("ns10"));
        Assert.Equal(AgentState.Available, h.StateOf("ns5"));
    }

    [Fact]
    public void CallArrives_OnlyOtherModelAgentAvailable_StaysQueued()
    {
        var h = new RoutingHarness();
        h.Ready("ns5", AgentLevel.L1, Ns5);

        // t=0: an NS100 call; its step 1 (any model) is 30 s away, so it waits.
        h.Enqueue("c1", Ns100, 1);

        Assert.Empty(h.Sink.Offers());
        Assert.Equal(1, h.Engine.WaitingCount);
        h.AssertConsistent();
    }

    [Fact]
    public void L1CallArrives_OnlyL2SpecialistAvailable_NotOfferedAtStepZero()
    {
        var h = new RoutingHarness();
        h.Ready("l2", AgentLevel.L2, Ns10);

        h.Enqueue("c1", Ns10, 1);

        Assert.Empty(h.Sink.Offers());
    }

    [Fact]
    public void CallArrives_SeveralQualifiedAgents_OffersToAgentAvailableLongest()
    {
        var h = new RoutingHarness();
        h.LoggedIn("a1", AgentLevel.L1, Ns10);
        h.LoggedIn("a2", AgentLevel.L1, Ns10, Ns5);
        h.LoggedIn("a3", AgentLevel.L1, Ns10);

        // Available at t=0 (a2), t=5 s (a3), t=10 s (a1).
        RoutingHarness.Ok(h.Engine.SetAvailable("a2"));
        h.At(5);
        RoutingHarness.Ok(h.Engine.SetAvailable("a3"));
        h.At(10);
        RoutingHarness.Ok(h.Engine.SetAvailable("a1"));

        // t=20 s: two NS10 calls.
        h.At(20);
        h.Enqueue("c1", Ns10, 3);
        h.Enqueue("c2", Ns10, 3);

        Assert.Equal([("c1", "a2"), ("c2", "a3")], h.Sink.Offers());
    }

    [Fact]
    public void L2Call_OnlyL1AgentsAvailable_NeverOfferedToThemWhateverTheWait()
    {
        var h = new RoutingHarness();
        h.Ready("l1", AgentLevel.L1, Ns5, NsRemote, Ns10, Ns100);

        // t=0: an L2 call. Its policy widens to any model at 30 s and "L2 helps L1" at 60 s; neither
        // lets an L1 agent take an L2 call. t=10 min: still waiting.
        h.Enqueue("l2-call", Ns5, 1, AgentLevel.L2);
        h.At(600);
        Assert.Empty(h.Sink.Offers());

        // t=10 min: an L2 agent of another model logs in; the call is past its any-model step.
        h.Ready("l2", AgentLevel.L2, Ns100);
        Assert.Equal([("l2-call", "l2")], h.Sink.Offers());
    }

    [Fact]
    public void UpdateAgentSkills_AvailableAgentGainsModel_IsOfferedWaitingCall()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns5);
        h.Enqueue("c1", Ns100, 4);
        Assert.Empty(h.Sink.Offers());

        // t=0: the administrator adds NS100 to a1's skills.
        RoutingHarness.Ok(h.Engine.UpdateAgentSkills("a1", new AgentSkills(AgentLevel.L1, [Ns5, Ns100])));

        Assert.Equal([("c1", "a1")], h.Sink.Offers());
        h.AssertConsistent();
    }

    [Fact]
    public void UpdateAgentSkills_AvailableAgent_KeepsPlaceInAvailabilityOrder()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.At(5);
        h.Ready("a2", AgentLevel.L1, Ns10);

        // t=5 s: a1 (available since t=0) gets a second model; a1 stays the longest available.
        RoutingHarness.Ok(h.Engine.UpdateAgentSkills("a1", new AgentSkills(AgentLevel.L1, [Ns10, Ns5])));
        h.Enqueue("c1", Ns10, 2);

        Assert.Equal([("c1", "a1")], h.Sink.Offers());
    }
}
