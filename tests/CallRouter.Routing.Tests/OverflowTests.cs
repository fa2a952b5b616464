using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class OverflowTests
{
    [Fact]
    public void WaitingCall_ReachesAnyModelStep_OfferedToAgentOfOtherModel()
    {
        var h = new RoutingHarness();
        h.Ready("ns5", AgentLevel.L1, Ns5);

        // t=0: severity-1 NS10 call; default policy: any L1 agent after 30 s.
        h.Enqueue("c1", Ns10, 1);
        Assert.Equal(RoutingHarness.T0.AddSeconds(30), h.Engine.NextDeadline);

        // t=29 s: still specialists only.
        h.At(29);
        Assert.Empty(h.Sink.Offers());

        // t=30 s: step 1 reached, the NS-5 agent qualifies.
        h.At(30);
        var overflowed = h.Sink.Last(RoutingEventKind.CallOverflowed);
        Assert.Equal(("c1", 1), (overflowed.CallId, overflowed.OverflowStep));
        var offer = h.Sink.Last(RoutingEventKind.CallOffered);
        Assert.Equal(("c1", "ns5", 1), (offer.CallId, offer.AgentId, offer.OverflowStep));
    }

    [Fact]
    public void WaitingL1Call_ReachesHigherLevelStep_OfferedToL2Agent()
    {
        var h = new RoutingHarness();
        h.Ready("l2", AgentLevel.L2, Ns100);

        // t=0: severity-1 L1 NS10 call; any model at 30 s, L2 helps L1 at 60 s.
        h.Enqueue("c1", Ns10, 1);

        // t=30 s: any model, but still L1 only.
        h.At(30);
        Assert.Empty(h.Sink.Offers());
        Assert.Equal(RoutingHarness.T0.AddSeconds(60), h.Engine.NextDeadline);

        // t=60 s: L2 agents help.
        h.At(60);
        var offer = h.Sink.Last(RoutingEventKind.CallOffered);
        Assert.Equal(("c1", "l2", 2), (offer.CallId, offer.AgentId, offer.OverflowStep));
        Assert.Equal([1, 2], h.Sink.Of(RoutingEventKind.CallOverflowed).Select(e => e.OverflowStep));
    }

    [Fact]
    public void OverflowSteps_ConfiguredPerSeverity_Severity4WidensLater()
    {
        var h = new RoutingHarness();
        h.Ready("ns5", AgentLevel.L1, Ns5);

        // t=0: severity-4 NS10 call; default severity-4 policy: any model after 90 s.
        h.Enqueue("c1", Ns10, 4);
        h.At(89);
        Assert.Empty(h.Sink.Offers());

        h.At(90);
        Assert.Equal([("c1", "ns5")], h.Sink.Offers());
    }

    [Fact]
    public void AnyModelStep_SpecialistAndGeneralistAvailable_LongestAvailableWins()
    {
        var h = new RoutingHarness();
        h.Enqueue("c1", Ns10, 1);

        // t=10 s: a generalist (NS-5) becomes available; t=20 s: an NS10 specialist is busy elsewhere... and
        // becomes available at t=40 s, after the call has reached step 1 at t=30 s and gone to the generalist.
        h.At(10);
        h.Ready("generalist", AgentLevel.L1, Ns5);
        h.At(30);
        h.At(40);
        h.Ready("specialist", AgentLevel.L1, Ns10);

        Assert.Equal([("c1", "generalist")], h.Sink.Offers());
    }

    [Fact]
    public void SetOverflowPolicy_AtRunTime_AppliesToCallsAlreadyWaiting()
    {
        var h = new RoutingHarness();
        h.Ready("ns5", AgentLevel.L1, Ns5);

        // t=0: severity-3 NS10 call (default: any model after 60 s). t=20 s: nothing yet.
        h.Enqueue("c1", Ns10, 3);
        h.At(20);
        Assert.Empty(h.Sink.Offers());

        // t=20 s: the administrator shortens severity 3 to any model after 10 s: the call has already waited that.
        var result = h.Engine.SetOverflowPolicy(3, new OverflowPolicy([new OverflowStep(TimeSpan.FromSeconds(10), AnyModel: true, HigherLevel: false)]));

        RoutingHarness.Ok(result);
        Assert.Equal([("c1", "ns5")], h.Sink.Offers());
        Assert.Equal(TimeSpan.FromSeconds(10), h.Engine.GetOverflowPolicy(3).Steps[0].After);
    }

    [Fact]
    public void SetOverflowPolicy_NoSteps_SpecialistsOnlyForever()
    {
        var h = new RoutingHarness();
        RoutingHarness.Ok(h.Engine.SetOverflowPolicy(2, new OverflowPolicy([])));
        h.Ready("ns5", AgentLevel.L1, Ns5);

        h.Enqueue("c1", Ns10, 2);
        Assert.Null(h.Engine.NextDeadline);
        h.At(3600);

        Assert.Empty(h.Sink.Offers());
    }

    [Theory]
    [InlineData(0, false, 30, true)]   // first step at 0 s
    [InlineData(60, false, 30, true)]  // steps out of order
    [InlineData(30, true, 60, false)]  // second step narrows the pool
    public void SetOverflowPolicy_Malformed_RejectedAndPolicyUnchanged(int firstAfter, bool firstAny, int secondAfter, bool secondAny)
    {
        var h = new RoutingHarness();
        var before = h.Engine.GetOverflowPolicy(1);
        var policy = new OverflowPolicy(
        [
            new OverflowStep(TimeSpan.FromSeconds(firstAfter), firstAny, HigherLevel: false),
            new OverflowStep(TimeSpan.FromSeconds(secondAfter), secondAny, HigherLevel: false),
        ]);

        var result = h.Engine.SetOverflowPolicy(1, policy);

        Assert.Equal(RoutingError.InvalidPolicy, result.Error);
        Assert.Equal(RoutingErrorCategory.InvalidArgument, result.Category);
        Assert.Same(before, h.Engine.GetOverflowPolicy(1));
    }

    [Fact]
    public void OverflowDue_HostTicksLate_NextOperationProcessesItFirst()
    {
        var h = new RoutingHarness();
        h.Ready("ns5", AgentLevel.L1, Ns5);
        h.Enqueue("c1", Ns10, 1);

        // The host's timer for t=30 s is late: nobody calls Tick. t=45 s: another call arrives.
        h.Time.SetUtcNow(RoutingHarness.T0.AddSeconds(45));
        h.Enqueue("c2", Ns5, 4);

        // c1 reached step 1 before c2 was looked at, so the NS-5 agent went to c1 and c2 waits.
        Assert.Equal([("c1", "ns5")], h.Sink.Offers());
        Assert.Equal(CallState.Queued, h.Engine.GetCall("c2")!.State);
    }

    [Fact]
    public void SetOverflowPolicy_CallPastOldStepButNotNewOne_WidensWhenNewStepIsDue()
    {
        var h = new RoutingHarness();

        // t=0: severity-1 L1 NS10 call. t=60 s: step 2 (L2 helps) reached under the default 30 s / 60 s policy.
        h.Enqueue("c1", Ns10, 1);
        h.At(60);
        Assert.Equal(2, h.Sink.Last(RoutingEventKind.CallOverflowed).OverflowStep);

        // t=60 s: the policy becomes 50 s / 80 s, so the call is back at step 1; an L2 agent does not qualify yet.
        RoutingHarness.Ok(h.Engine.SetOverflowPolicy(1, OverflowPolicy.Widening(TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(80))));
        h.Ready("l2", AgentLevel.L2, Ns10);
        Assert.Empty(h.Sink.Offers());
        Assert.Equal(RoutingHarness.T0.AddSeconds(80), h.Engine.NextDeadline);

        // t=80 s: step 2 under the new policy.
        h.At(80);
        var offer = h.Sink.Last(RoutingEventKind.CallOffered);
        Assert.Equal(("c1", "l2", 2), (offer.CallId, offer.AgentId, offer.OverflowStep));
    }
}
