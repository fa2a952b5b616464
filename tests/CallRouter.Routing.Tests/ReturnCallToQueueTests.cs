using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class ReturnCallToQueueTests
{
    [Fact]
    public void ReturnCallToQueue_AgentLegFailed_CallBackAtFrontKeepingItsAge()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.LoggedIn("a2", AgentLevel.L1, Ns10);

        // t=0: c1 offered to a1; t=5 s accepted; t=6 s c2 queues; t=10 s a1's softphone never answered.
        h.Enqueue("c1", Ns10, 3);
        h.At(5);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));
        h.At(6);
        h.Enqueue("c2", Ns10, 3);
        h.At(10);
        RoutingHarness.Ok(h.Engine.ReturnCallToQueue("c1", "softphone did not answer"));

        var agent = h.Engine.GetAgent("a1")!;
        Assert.Equal((AgentState.NotReady, "softphone did not answer", (string?)null), (agent.State, agent.NotReadyReason, agent.CallId));
        var requeued = h.Sink.Last(RoutingEventKind.CallRequeued);
        Assert.Equal(("c1", "a1", RequeueReason.AgentLegFailed, 1), (requeued.CallId, requeued.AgentId, requeued.RequeueReason, requeued.Position));
        var snapshot = h.Engine.GetCall("c1")!;
        Assert.Equal((CallState.Queued, RoutingHarness.T0, TimeSpan.FromSeconds(10)), (snapshot.State, snapshot.EnqueuedAt, snapshot.Waited));

        // t=10 s: a2 becomes available and gets c1 before c2.
        RoutingHarness.Ok(h.Engine.SetAvailable("a2"));
        Assert.Equal(("c1", "a2"), h.Sink.Offers()[^1]);
        h.AssertConsistent();
    }

    [Fact]
    public void ReturnCallToQueue_CallAnsweredAgainByAnotherAgent_CountedOnceAsAnsweredToday()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Ready("a2", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 3);
        var firstAgent = h.Sink.Offers()[^1].Agent;
        RoutingHarness.Ok(h.Engine.AcceptOffer(firstAgent, "c1"));

        RoutingHarness.Ok(h.Engine.ReturnCallToQueue("c1", "softphone did not answer"));
        var secondAgent = h.Sink.Offers()[^1].Agent;
        Assert.NotEqual(firstAgent, secondAgent);
        RoutingHarness.Ok(h.Engine.AcceptOffer(secondAgent, "c1"));

        Assert.Equal(1, h.Engine.GetStatistics().CallsAnsweredToday);
        h.AssertConsistent();
    }

    [Fact]
    public void ReturnCallToQueue_CallNotConnected_RefusedAndNothingChanges()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 3);
        h.Enqueue("c2", Ns10, 3);
        var before = EngineState.Capture(h.Engine, "c1", "c2");
        h.Sink.Clear();

        Assert.Equal(RoutingError.InvalidCallState, h.Engine.ReturnCallToQueue("c1", "failed").Error);
        Assert.Equal(RoutingError.InvalidCallState, h.Engine.ReturnCallToQueue("c2", "failed").Error);
        Assert.Equal(RoutingError.UnknownCall, h.Engine.ReturnCallToQueue("c3", "failed").Error);
        Assert.Equal(RoutingError.MissingReason, h.Engine.ReturnCallToQueue("c1", "").Error);

        Assert.Empty(h.Sink.All);
        Assert.Equal(before, EngineState.Capture(h.Engine, "c1", "c2"));
    }
}
