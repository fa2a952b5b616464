using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class TickTests
{
    [Fact]
    public void Tick_NothingDue_EmitsNothing()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 2);
        h.Sink.Clear();

        // t=19 s: the offer (expiring at t=20 s) is not due yet.
        h.At(19);

        Assert.Empty(h.Sink.All);
        Assert.Equal(AgentState.Reserved, h.StateOf("a1"));
    }

    [Fact]
    public void Tick_SeveralDeadlinesOverdue_ProcessesAllInOneCall()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Ready("a2", AgentLevel.L1, Ns5);

        // t=0: a2 takes and ends an NS-5 call (wrap-up to t=60 s); c1 is offered to a1 (expires t=20 s);
        // c2 (NS100, severity 1) reaches its any-model step at t=30 s.
        h.Enqueue("ns5-call", Ns5, 2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a2", "ns5-call"));
        RoutingHarness.Ok(h.Engine.EndCall("ns5-call"));
        h.Enqueue("c1", Ns10, 2);
        h.Enqueue("c2", Ns100, 1);
        Assert.Equal(RoutingHarness.T0.AddSeconds(20), h.Engine.NextDeadline);

        // The host sleeps through all three deadlines and ticks once at t=100 s.
        h.At(100);

        Assert.Single(h.Sink.Of(RoutingEventKind.OfferExpired));
        Assert.Contains(h.Sink.Of(RoutingEventKind.CallOverflowed), e => e.CallId == "c2");
        var offered = h.Sink.Offers().Skip(2).ToList();
        Assert.Equal(2, offered.Count);

        // Severity 1 goes first: c2 (now open to any model) to the longest-available agent, c1 to the other.
        Assert.Equal("c2", offered[0].Call);
        Assert.Equal("c1", offered[1].Call);
        Assert.Equal(RoutingHarness.T0.AddSeconds(120), h.Engine.NextDeadline);
        h.AssertConsistent();
    }
}
