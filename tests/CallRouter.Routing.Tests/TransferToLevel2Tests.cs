using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

/// <summary>
/// A transfer to L2 keeps the call: one call answered by L1 and now waiting for L2 (docs/routing.md, "Transfer to L2").
/// </summary>
public sealed class TransferToLevel2Tests
{
    [Fact]
    public void TransferToLevel2_AnsweredByL2_KeepsIdAndArrivalWithL2WaitAndTotalWaitCountedOnce()
    {
        var h = new RoutingHarness();
        h.LoggedIn("alice", AgentLevel.L1, Ns10);
        h.LoggedIn("carol", AgentLevel.L2, Ns10);

        // t=0 the call arrives; t=40 s alice is offered it, t=45 s she accepts (L1 wait 45 s); t=345 s she transfers.
        h.Enqueue("c1", Ns10, 2);
        h.At(40);
        RoutingHarness.Ok(h.Engine.SetAvailable("alice"));
        h.At(45);
        RoutingHarness.Ok(h.Engine.AcceptOffer("alice", "c1"));
        h.At(345);
        RoutingHarness.Ok(h.Engine.TransferToLevel2("c1"));

        var transferred = h.Sink.Last(RoutingEventKind.CallTransferred);
        Assert.Equal(("c1", "alice", AgentLevel.L2, TimeSpan.FromSeconds(300), 1, TimeSpan.FromMinutes(6)),
            (transferred.CallId, transferred.AgentId, transferred.Level, transferred.Duration, transferred.Position, transferred.ExpectedWait));
        Assert.Equal(AgentState.WrapUp, h.StateOf("alice"));
        var waiting = h.Engine.GetCall("c1")!;
        Assert.Equal(
            (CallState.Queued, AgentLevel.L2, RoutingHarness.T0, RoutingHarness.T0.AddSeconds(345), TimeSpan.Zero, TimeSpan.FromSeconds(45), 1),
            (waiting.State, waiting.Level, waiting.ArrivedAt, waiting.EnqueuedAt, waiting.Waited, waiting.TotalWaited, waiting.Position));
        h.AssertConsistent();

        // t=405 s carol becomes available and is offered the call; t=410 s she accepts: L2 wait 65 s, total 45 + 65 s.
        h.At(405);
        RoutingHarness.Ok(h.Engine.SetAvailable("carol"));
        h.At(410);
        RoutingHarness.Ok(h.Engine.AcceptOffer("carol", "c1"));

        var accepted = h.Sink.Last(RoutingEventKind.CallAccepted);
        Assert.Equal(("c1", "carol", TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(110)),
            (accepted.CallId, accepted.AgentId, accepted.Duration, accepted.TotalWait));
        var connected = h.Engine.GetCall("c1")!;
        Assert.Equal((TimeSpan.FromSeconds(65), TimeSpan.FromSeconds(110)), (connected.Waited, connected.TotalWaited));

        // One call: offered (arrived) once, answered once, never abandoned; two offers to agents.
        var stats = h.Engine.GetStatistics();
        Assert.Equal((1, 1, 0, 2), (stats.CallsOfferedToday, stats.CallsAnsweredToday, stats.CallsAbandonedToday, stats.AgentOffersToday));
        Assert.Single(h.Sink.Of(RoutingEventKind.CallQueued));
        Assert.Empty(h.Sink.Of(RoutingEventKind.CallEnded));
        h.AssertConsistent();

        // t=500 s carol's call ends: talk time with carol only, and the engine forgets the call.
        h.At(500);
        RoutingHarness.Ok(h.Engine.EndCall("c1"));
        Assert.Equal(("carol", TimeSpan.FromSeconds(90)), (h.Sink.Last(RoutingEventKind.CallEnded).AgentId, h.Sink.Last(RoutingEventKind.CallEnded).Duration));
        Assert.Null(h.Engine.GetCall("c1"));
        h.AssertConsistent();
    }

    [Fact]
    public void TransferToLevel2_InTheL2Queue_PriorityAndOverflowCountFromTheTransfer()
    {
        var h = new RoutingHarness();
        h.Ready("alice", AgentLevel.L1, Ns10);
        h.LoggedIn("carol", AgentLevel.L2, Ns10);
        h.LoggedIn("dave", AgentLevel.L2, Ns5);

        // t=0 c1 (severity 2) is answered by alice at once; t=100 s an L2 call of the same severity starts waiting.
        h.Enqueue("c1", Ns10, 2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("alice", "c1"));
        h.At(100);
        h.Enqueue("l2-direct", Ns10, 2, AgentLevel.L2);

        // t=300 s alice transfers c1: it queues behind the L2 call that has waited since t=100 s, at overflow step 0
        // (L2 specialists for NS10 only) although it arrived 300 s ago.
        h.At(300);
        RoutingHarness.Ok(h.Engine.TransferToLevel2("c1"));
        var waiting = h.Engine.GetCall("c1")!;
        Assert.Equal((2, 0), (waiting.Position, waiting.OverflowStep));
        Assert.Equal(RoutingHarness.T0.AddSeconds(300 + 45), h.Engine.NextDeadline);

        // t=344 s: dave (L2, NS-5 only) is available; c1 is still for NS10 specialists.
        h.At(344);
        RoutingHarness.Ok(h.Engine.SetAvailable("dave"));
        Assert.Equal(("l2-direct", "dave"), h.Sink.Offers()[^1]);
        RoutingHarness.Ok(h.Engine.AcceptOffer("dave", "l2-direct"));
        RoutingHarness.Ok(h.Engine.EndCall("l2-direct"));
        RoutingHarness.Ok(h.Engine.SetAvailable("dave"));
        Assert.Equal(AgentState.Available, h.StateOf("dave"));

        // t=345 s: 45 s in the L2 queue, severity 2 reaches step 1 (any L2 agent) and dave gets c1.
        h.At(345);
        Assert.Equal(("c1", 1), (h.Sink.Last(RoutingEventKind.CallOverflowed).CallId, h.Sink.Last(RoutingEventKind.CallOverflowed).OverflowStep));
        Assert.Equal(("c1", "dave"), h.Sink.Offers()[^1]);
        h.AssertConsistent();
    }

    [Fact]
    public void TransferToLevel2_CallerHangsUpWaitingForL2_AnsweredOnceNotAbandoned()
    {
        var h = new RoutingHarness();
        h.LoggedIn("alice", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 3);
        h.At(30);
        RoutingHarness.Ok(h.Engine.SetAvailable("alice"));
        RoutingHarness.Ok(h.Engine.AcceptOffer("alice", "c1"));
        h.At(200);
        RoutingHarness.Ok(h.Engine.TransferToLevel2("c1"));

        // t=260 s: the caller gives up after 60 s waiting for L2 (30 s for L1 before that).
        h.At(260);
        RoutingHarness.Ok(h.Engine.AbandonCall("c1"));

        var abandoned = h.Sink.Last(RoutingEventKind.CallAbandoned);
        Assert.Equal(("c1", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90)), (abandoned.CallId, abandoned.Duration, abandoned.TotalWait));
        var stats = h.Engine.GetStatistics();
        Assert.Equal((1, 1, 0), (stats.CallsOfferedToday, stats.CallsAnsweredToday, stats.CallsAbandonedToday));
        Assert.Null(h.Engine.GetCall("c1"));
        h.AssertConsistent();
    }

    [Fact]
    public void TransferToLevel2_L2AgentLegFails_CallBackAtFrontOfL2KeepingBothWaits()
    {
        var h = new RoutingHarness();
        h.Ready("alice", AgentLevel.L1, Ns10);
        h.LoggedIn("carol", AgentLevel.L2, Ns10);
        h.LoggedIn("erin", AgentLevel.L2, Ns10);
        h.Enqueue("c1", Ns10, 2);
        h.At(10);
        RoutingHarness.Ok(h.Engine.AcceptOffer("alice", "c1"));
        h.At(100);
        RoutingHarness.Ok(h.Engine.TransferToLevel2("c1"));
        h.At(120);
        RoutingHarness.Ok(h.Engine.SetAvailable("carol"));
        RoutingHarness.Ok(h.Engine.AcceptOffer("carol", "c1"));

        // t=130 s carol's softphone never answered: c1 goes back to the L2 queue keeping its L2 entry and L1 wait.
        h.At(130);
        RoutingHarness.Ok(h.Engine.ReturnCallToQueue("c1", "softphone did not answer"));

        var waiting = h.Engine.GetCall("c1")!;
        Assert.Equal(
            (CallState.Queued, AgentLevel.L2, RoutingHarness.T0, RoutingHarness.T0.AddSeconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40)),
            (waiting.State, waiting.Level, waiting.ArrivedAt, waiting.EnqueuedAt, waiting.Waited, waiting.TotalWaited));
        RoutingHarness.Ok(h.Engine.SetAvailable("erin"));
        RoutingHarness.Ok(h.Engine.AcceptOffer("erin", "c1"));
        Assert.Equal(1, h.Engine.GetStatistics().CallsAnsweredToday);
        h.AssertConsistent();
    }

    [Fact]
    public void TransferToLevel2_CallNotConnectedOrAlreadyL2_RefusedAndNothingChanges()
    {
        var h = new RoutingHarness();
        h.Ready("alice", AgentLevel.L1, Ns10);
        h.Ready("carol", AgentLevel.L2, Ns10);
        h.Enqueue("offered", Ns10, 2);
        h.Enqueue("queued", Ns10, 2);
        h.Enqueue("l2", Ns10, 2, AgentLevel.L2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("carol", "l2"));
        var before = EngineState.Capture(h.Engine, "offered", "queued", "l2");
        h.Sink.Clear();

        Assert.Equal(RoutingError.InvalidCallState, h.Engine.TransferToLevel2("offered").Error);
        Assert.Equal(RoutingError.InvalidCallState, h.Engine.TransferToLevel2("queued").Error);
        Assert.Equal(RoutingError.InvalidCallState, h.Engine.TransferToLevel2("l2").Error);
        Assert.Equal(RoutingError.UnknownCall, h.Engine.TransferToLevel2("nobody").Error);
        Assert.Equal(RoutingError.MissingCallId, h.Engine.TransferToLevel2(" ").Error);

        Assert.Empty(h.Sink.All);
        Assert.Equal(before, EngineState.Capture(h.Engine, "offered", "queued", "l2"));
    }
}
