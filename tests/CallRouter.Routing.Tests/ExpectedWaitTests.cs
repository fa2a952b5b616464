using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

public sealed class ExpectedWaitTests
{
    [Fact]
    public void CallQueued_BehindOthers_PositionCountsEveryoneAheadAndWaitScalesWithStaffing()
    {
        var h = new RoutingHarness();

        // Two NS10 specialists logged in but not ready; default handle time 6 min.
        h.LoggedIn("a1", AgentLevel.L1, Ns10);
        h.LoggedIn("a2", AgentLevel.L1, Ns10);

        // t=0: three severity-3 calls, then a severity-1 call that goes ahead of all of them.
        h.Enqueue("s3-a", Ns10, 3);
        h.Enqueue("s3-b", Ns10, 3);
        h.Enqueue("s3-c", Ns10, 3);
        var third = h.Sink.Last(RoutingEventKind.CallQueued);
        h.Enqueue("s1", Ns10, 1);
        var severe = h.Sink.Last(RoutingEventKind.CallQueued);

        // s3-c: position 3, ceil(3 / 2) = 2 rounds of 6 min. s1: position 1, one round.
        Assert.Equal((3, TimeSpan.FromMinutes(12)), (third.Position, third.ExpectedWait));
        Assert.Equal((1, TimeSpan.FromMinutes(6)), (severe.Position, severe.ExpectedWait));
        Assert.Equal(4, h.Engine.GetCall("s3-c")!.Position);
    }

    [Fact]
    public void CallQueued_NoSpecialistLoggedIn_EstimatesAsIfOne()
    {
        var h = new RoutingHarness();
        h.Enqueue("c1", Ns5, 2);
        h.Enqueue("c2", Ns5, 2);

        var queued = h.Sink.Last(RoutingEventKind.CallQueued);

        Assert.Equal((2, TimeSpan.FromMinutes(12)), (queued.Position, queued.ExpectedWait));
    }

    [Fact]
    public void CallQueued_OtherModelsAndLevels_DoNotCountTowardsPosition()
    {
        var h = new RoutingHarness();
        h.Enqueue("other-model", Ns5, 1);
        h.Enqueue("other-level", Ns10, 1, AgentLevel.L2);

        h.Enqueue("mine", Ns10, 4);

        Assert.Equal(1, h.Sink.Last(RoutingEventKind.CallQueued).Position);
    }

    [Fact]
    public void GetCall_Offered_NoPositionOrEstimate()
    {
        var h = new RoutingHarness();
        h.Ready("a1", AgentLevel.L1, Ns10);
        h.Enqueue("c1", Ns10, 2);

        var snapshot = h.Engine.GetCall("c1")!;

        Assert.Equal((CallState.Offered, "a1", 0, TimeSpan.Zero), (snapshot.State, snapshot.AgentId, snapshot.Position, snapshot.ExpectedWait));
    }

    [Fact]
    public void CallQueued_LowerSeverityCallAgedPastHeadStart_CountedAheadOfNewcomer()
    {
        var h = new RoutingHarness();

        // t=0 and t=100 s: two severity-4 calls. t=300 s: a severity-1 call (head start 240 s).
        h.Enqueue("old-s4", Ns10, 4);
        h.At(100);
        h.Enqueue("newer-s4", Ns10, 4);
        h.At(300);
        h.Enqueue("s1", Ns10, 1);

        // Scores at t=300 s: old-s4 300 (ahead), s1 240, newer-s4 200 (behind).
        Assert.Equal(2, h.Sink.Last(RoutingEventKind.CallQueued).Position);
        Assert.Equal(3, h.Engine.GetCall("newer-s4")!.Position);
    }
}
