using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class LogOutTests
{
    [Fact]
    public void LogOut_WithReservedCall_RequeuesItAtFrontForTheNextAgent()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.LoggedIn("a2", AgentLevel.L1, Ns10);

        // t=0: c1 offered to a1. t=3 s: c2 queues. t=5 s: a1 logs out with c1 reserved.
        h.Enqueue("c1", Ns10, 3);
        h.At(3);
        h.Enqueue("c2", Ns10, 3);
        h.At(5);
        RoutingHarness.Ok(h.Engine.LogOut("a1"));

        Assert.Equal(AgentState.Offline, h.StateOf("a1"));
        var requeued = h.Sink.Last(RoutingEventKind.CallRequeued);
        Assert.Equal(("c1", RequeueReason.AgentLoggedOut, 1), (requeued.CallId, requeued.RequeueReason, requeued.Position));

        // t=5 s: a2 becomes available and gets c1, not c2.
        RoutingHarness.Ok(h.Engine.SetAvailable("a2"));
        Assert.Equal(("c1", "a2"), h.Sink.Offers()[^1]);
        h.AssertConsistent();
    }

    [Fact]
    public void LogOut_WithReservedCallAndAnotherAgentAvailable_OffersItAtOnce()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 3);
        h.Ready("a2", AgentLevel.L1, Ns10);

        RoutingHarness.Ok(h.Engine.LogOut("a1"));

        Assert.Equal(("c1", "a2"), h.Sink.Offers()[^1]);
    }

    [Fact]
    public void LogOut_OnCall_RefusedAndNothingChanges()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 3);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));
        h.Sink.Clear();

        var result = h.Engine.LogOut("a1");

        Assert.Equal(RoutingError.InvalidAgentState, result.Error);
        Assert.Equal(RoutingErrorCategory.FailedPrecondition, result.Category);
        Assert.Equal(AgentState.OnCall, h.StateOf("a1"));
        Assert.Empty(h.Sink.All);
    }

    [Fact]
    public void LogOut_DuringWrapUp_GoesOfflineAndLeavesNoDeadline()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 3);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));
        RoutingHarness.Ok(h.Engine.EndCall("c1"));

        RoutingHarness.Ok(h.Engine.LogOut("a1"));

        Assert.Equal(AgentState.Offline, h.StateOf("a1"));
        Assert.Null(h.Engine.NextDeadline);
    }

    [Fact]
    public void LogIn_NewAgent_StartsNotReadyThenTakesCallsWhenAvailable()
    {
        var h = new RoutingHarness();
        RoutingHarness.Ok(h.Engine.AddAgent("a1", new AgentSkills(AgentLevel.L1, [Ns10])));
        h.Enqueue("c1", Ns10, 3);

        RoutingHarness.Ok(h.Engine.LogIn("a1"));
        Assert.Equal((AgentState.NotReady, NotReadyReasons.LoggedIn), (h.StateOf("a1"), h.Engine.GetAgent("a1")!.NotReadyReason));
        Assert.Empty(h.Sink.Offers());

        RoutingHarness.Ok(h.Engine.SetAvailable("a1"));
        Assert.Equal(("c1", "a1"), h.Sink.Offers()[^1]);
    }

    [Fact]
    public void SetNotReady_WithReason_StopsOffers()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);

        RoutingHarness.Ok(h.Engine.SetNotReady("a1", "lunch"));
        h.Enqueue("c1", Ns10, 1);

        Assert.Equal("lunch", h.Engine.GetAgent("a1")!.NotReadyReason);
        Assert.Equal("lunch", h.Sink.Last(RoutingEventKind.AgentStateChanged).Reason);
        Assert.Empty(h.Sink.Offers());
    }
}
