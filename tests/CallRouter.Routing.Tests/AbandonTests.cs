using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class AbandonTests
{
    [Fact]
    public void AbandonCall_WhileQueued_RemovedWithItsWait()
    {
        var h = new RoutingHarness();
        h.Enqueue("c1", Ns5, 3);

        // t=42 s: the caller hangs up.
        h.At(42);
        RoutingHarness.Ok(h.Engine.AbandonCall("c1"));

        var abandoned = h.Sink.Last(RoutingEventKind.CallAbandoned);
        Assert.Equal(("c1", TimeSpan.FromSeconds(42), (string?)null), (abandoned.CallId, abandoned.Duration, abandoned.AgentId));
        Assert.Equal(0, h.Engine.WaitingCount);
        Assert.Null(h.Engine.GetCall("c1"));
        Assert.Equal(1, h.Engine.GetStatistics().CallsAbandonedToday);
        Assert.Null(h.Engine.NextDeadline);
    }

    [Fact]
    public void AbandonCall_FromMiddleOfQueue_OthersKeepTheirOrder()
    {
        var h = new RoutingHarness();
        h.LoggedIn("a1", AgentLevel.L1, Ns5);
        h.Enqueue("c1", Ns5, 3);
        h.Enqueue("c2", Ns5, 3);
        h.Enqueue("c3", Ns5, 3);

        RoutingHarness.Ok(h.Engine.AbandonCall("c2"));

        Assert.Equal(2, h.Engine.GetCall("c3")!.Position);
        RoutingHarness.Ok(h.Engine.SetAvailable("a1"));
        Assert.Equal(("c1", "a1"), h.Sink.Offers()[^1]);
        h.AssertConsistent();
    }

    [Fact]
    public void AbandonCall_WhileOffered_AgentFreedAndOfferedNextCall()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);

        // t=0: c1 offered to a1; c2 queues. t=7 s: c1's caller hangs up during the offer.
        h.Enqueue("c1", Ns10, 2);
        h.Enqueue("c2", Ns10, 2);
        h.At(7);
        RoutingHarness.Ok(h.Engine.AbandonCall("c1"));

        var abandoned = h.Sink.Last(RoutingEventKind.CallAbandoned);
        Assert.Equal(("c1", "a1"), (abandoned.CallId, abandoned.AgentId));
        Assert.Equal(("c2", "a1"), h.Sink.Offers()[^1]);
        Assert.Equal(0, h.Engine.GetAgent("a1")!.MissedOffersInARow);

        // The withdrawn offer's deadline (t=20 s) is gone; c2's offer expires at t=27 s.
        Assert.Equal(RoutingHarness.T0.AddSeconds(27), h.Engine.NextDeadline);
        h.AssertConsistent();
    }

    [Fact]
    public void AbandonCall_AlreadyAnswered_RefusedAsInvalidCallState()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));

        var result = h.Engine.AbandonCall("c1");

        Assert.Equal(RoutingError.InvalidCallState, result.Error);
        Assert.Equal(CallState.Connected, h.Engine.GetCall("c1")!.State);
    }
}
