using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class OfferTimeoutTests
{
    [Fact]
    public void Offer_NotAcceptedWithinTimeout_CallReturnsToFrontOfQueue()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.LoggedIn("a2", AgentLevel.L1, Ns10);

        // t=0: c1 offered to a1 (offer expires at t=20 s). t=5 s: c2 queues behind.
        h.Enqueue("c1", Ns10, 4);
        Assert.Equal(RoutingHarness.T0.AddSeconds(20), h.Sink.Last(RoutingEventKind.CallOffered).Deadline);
        h.At(5);
        h.Enqueue("c2", Ns10, 4);

        // t=20 s: the offer expires; c1 goes back in front of c2.
        h.At(20);
        Assert.Equal(("c1", "a1"), (h.Sink.Last(RoutingEventKind.OfferExpired).CallId, h.Sink.Last(RoutingEventKind.OfferExpired).AgentId));
        var requeued = h.Sink.Last(RoutingEventKind.CallRequeued);
        Assert.Equal(("c1", RequeueReason.OfferExpired), (requeued.CallId, requeued.RequeueReason));
        Assert.Equal(1, h.Engine.GetAgent("a1")!.MissedOffersInARow);

        // a1 went to the back of the availability order and was re-offered c1 (the only agent);
        // once a2 is available it gets c2, proving c1 stayed in front.
        Assert.Equal(("c1", "a1"), h.Sink.Offers()[^1]);
        RoutingHarness.Ok(h.Engine.SetAvailable("a2"));
        Assert.Equal(("c2", "a2"), h.Sink.Offers()[^1]);
        h.AssertConsistent();
    }

    [Fact]
    public void Offer_ExpiredReturnedCallKeepsItsAge_AheadOfLaterCallsOfOtherAgents()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns5);
        h.Enqueue("c1", Ns5, 3);
        h.At(1);
        h.Enqueue("c2", Ns5, 3);

        // t=20 s: c1's offer expires; c1's wait still counts from t=0.
        h.At(20);
        var snapshot = h.Engine.GetCall("c1")!;

        Assert.Equal(RoutingHarness.T0, snapshot.EnqueuedAt);
        Assert.Equal(TimeSpan.FromSeconds(20), snapshot.Waited);
    }

    [Fact]
    public void AcceptOffer_AfterTimeout_RefusedAsNoSuchOffer()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Ready("a2", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 4);

        // t=20 s exactly: expired, even if the host has not ticked yet; the accept comes too late and the
        // call has meanwhile been offered to a2.
        h.Time.SetUtcNow(RoutingHarness.T0.AddSeconds(20));
        var result = h.Engine.AcceptOffer("a1", "c1");

        Assert.Equal(RoutingError.NoSuchOffer, result.Error);
        Assert.Equal(("c1", "a2"), h.Sink.Offers()[^1]);
        Assert.Equal(RoutingErrorCategory.FailedPrecondition, result.Category);
    }

    [Fact]
    public void Agent_MissesMaxOffersInARow_BecomesNotReadyWithReason()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);

        // t=0: offer 1. t=20 s: missed, re-offered. t=40 s: missed, re-offered. t=60 s: third miss.
        h.Enqueue("c1", Ns10, 4);
        h.At(20);
        Assert.Equal(AgentState.Reserved, h.StateOf("a1"));
        h.At(40);
        Assert.Equal(AgentState.Reserved, h.StateOf("a1"));
        h.At(60);

        var agent = h.Engine.GetAgent("a1")!;
        Assert.Equal((AgentState.NotReady, NotReadyReasons.MissedOffers), (agent.State, agent.NotReadyReason));
        Assert.Equal(3, h.Sink.Of(RoutingEventKind.OfferExpired).Count);
        Assert.Equal(CallState.Queued, h.Engine.GetCall("c1")!.State);
        h.AssertConsistent();
    }

    [Fact]
    public void AcceptOffer_AfterEarlierMisses_ResetsMissedCount()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 4);

        // t=20 s and t=40 s: two misses. t=45 s: accepted.
        h.At(20);
        h.At(40);
        Assert.Equal(2, h.Engine.GetAgent("a1")!.MissedOffersInARow);
        h.At(45);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));

        Assert.Equal(0, h.Engine.GetAgent("a1")!.MissedOffersInARow);
        Assert.Equal(AgentState.OnCall, h.StateOf("a1"));
        var accepted = h.Sink.Last(RoutingEventKind.CallAccepted);
        Assert.Equal(("c1", "a1", TimeSpan.FromSeconds(45)), (accepted.CallId, accepted.AgentId, accepted.Duration));
    }

    [Fact]
    public void NextDeadline_OfferPending_IsOfferExpiry()
    {
        var h = new RoutingHarness(new RoutingOptions { OfferTimeout = TimeSpan.FromSeconds(12) });
        Assert.Null(h.Engine.NextDeadline);
        h.Ready("a1", AgentLevel.L1, Ns10);

        h.Enqueue("c1", Ns10, 4);

        Assert.Equal(RoutingHarness.T0.AddSeconds(12), h.Engine.NextDeadline);
    }

    [Fact]
    public void DeclineOffer_CallRequeuedAtFrontAndAgentNotReady()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 3);
        h.At(2);
        h.Enqueue("c2", Ns10, 3);

        // t=3 s: a1 declines c1.
        h.At(3);
        RoutingHarness.Ok(h.Engine.DeclineOffer("a1", "c1"));

        var agent = h.Engine.GetAgent("a1")!;
        Assert.Equal((AgentState.NotReady, NotReadyReasons.DeclinedOffer), (agent.State, agent.NotReadyReason));
        Assert.Equal(RequeueReason.Declined, h.Sink.Last(RoutingEventKind.CallRequeued).RequeueReason);
        Assert.Equal(1, h.Engine.GetCall("c1")!.Position);

        // t=3 s: a2 becomes available and gets c1, the front of the queue.
        h.Ready("a2", AgentLevel.L1, Ns10);
        Assert.Equal(("c1", "a2"), h.Sink.Offers()[^1]);
    }

    [Fact]
    public void DeclineOffer_DeclineSetsNotReadyOff_AgentAvailableAtBackOfOrder()
    {
        var h = new RoutingHarness(new RoutingOptions { DeclineSetsNotReady = false });
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.At(1);
        h.Ready("a2", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 3);
        Assert.Equal(("c1", "a1"), h.Sink.Offers()[^1]);

        // a1 declines: a1 is available again but behind a2, who gets the call.
        RoutingHarness.Ok(h.Engine.DeclineOffer("a1", "c1"));

        Assert.Equal(("c1", "a2"), h.Sink.Offers()[^1]);
        Assert.Equal(AgentState.Available, h.StateOf("a1"));
    }
}
