using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class WrapUpTests
{
    [Fact]
    public void EndCall_AgentEntersWrapUp_AvailableWhenWrapUpTimeEnds()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);

        // t=0 offered, t=4 s accepted, t=100 s ended: wrap-up until t=160 s.
        h.Enqueue("c1", Ns10, 2);
        h.At(4);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));
        h.At(100);
        RoutingHarness.Ok(h.Engine.EndCall("c1"));

        Assert.Equal(AgentState.WrapUp, h.StateOf("a1"));
        Assert.Equal(TimeSpan.FromSeconds(96), h.Sink.Last(RoutingEventKind.CallEnded).Duration);
        Assert.Null(h.Engine.GetCall("c1"));
        Assert.Equal(RoutingHarness.T0.AddSeconds(160), h.Engine.NextDeadline);

        h.At(159);
        Assert.Equal(AgentState.WrapUp, h.StateOf("a1"));
        h.At(160);
        Assert.Equal(AgentState.Available, h.StateOf("a1"));
    }

    [Fact]
    public void WrapUpEnds_CallWaiting_OffersItToTheAgent()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));

        // t=30 s: c2 queues while a1 talks. t=50 s: c1 ends. t=110 s: wrap-up ends, c2 is offered.
        h.At(30);
        h.Enqueue("c2", Ns10, 2);
        h.At(50);
        RoutingHarness.Ok(h.Engine.EndCall("c1"));
        h.At(110);

        Assert.Equal(("c2", "a1"), h.Sink.Offers()[^1]);
        Assert.Equal(AgentState.Reserved, h.StateOf("a1"));
    }

    [Fact]
    public void SetAvailable_DuringWrapUp_EndsItEarly()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));
        RoutingHarness.Ok(h.Engine.EndCall("c1"));

        // t=10 s: the agent finished the notes early.
        h.At(10);
        RoutingHarness.Ok(h.Engine.SetAvailable("a1"));

        Assert.Equal(AgentState.Available, h.StateOf("a1"));
        Assert.Null(h.Engine.NextDeadline);
    }

    [Fact]
    public void WrapUpEnds_HandleTimeMeasured_MovesAverageUsedForEstimates()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));

        // Accepted at t=0, ended at t=100 s, wrap-up to t=160 s: handle time 160 s.
        h.At(100);
        RoutingHarness.Ok(h.Engine.EndCall("c1"));
        h.At(160);

        // 360 s + 0.2 × (160 s − 360 s) = 320 s.
        Assert.Equal(TimeSpan.FromSeconds(320), h.Engine.GetStatistics().AverageHandleTime);
    }

    [Fact]
    public void EndCall_ZeroWrapUpTime_AgentAvailableAtOnce()
    {
        var h = new RoutingHarness(new RoutingOptions { WrapUpTime = TimeSpan.Zero });
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 2);
        h.Enqueue("c2", Ns10, 2);
        RoutingHarness.Ok(h.Engine.AcceptOffer("a1", "c1"));

        RoutingHarness.Ok(h.Engine.EndCall("c1"));

        Assert.Equal(("c2", "a1"), h.Sink.Offers()[^1]);
        h.AssertConsistent();
    }

    [Fact]
    public void EndCall_CallStillQueued_RefusedAsInvalidCallState()
    {
        var h = new RoutingHarness();
        h.Enqueue("c1", Ns10, 2);

        var result = h.Engine.EndCall("c1");

        Assert.Equal(RoutingError.InvalidCallState, result.Error);
        Assert.Equal(CallState.Queued, h.Engine.GetCall("c1")!.State);
    }
}
