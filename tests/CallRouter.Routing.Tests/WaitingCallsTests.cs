using static CallRouter.Routing.MachineModel;

namespace CallRouter.Routing.Tests;

/// <summary>The one-pass snapshot the periodic announcements use gives what <see cref="RoutingEngine.GetCall"/> gives per call.</summary>
public sealed class WaitingCallsTests
{
    [Fact]
    public void CopyWaitingCalls_SeveritiesAgeingRequeueAndTransfer_SamePositionsAndWaitsAsGetCall()
    {
        var h = new RoutingHarness();
        h.LoggedIn("alice", AgentLevel.L1, Ns10);
        h.LoggedIn("bob", AgentLevel.L1, Ns10);
        h.LoggedIn("carol", AgentLevel.L2, Ns10);

        // Keys (head start − age): s4-early 0, s3 60 − 10, ns5 240 − 10, s1 240 − 20, s1-late 240 − 300: the
        // severity-4 call that arrived first is ahead of the severity-1 call that arrived 300 s later (ageing).
        h.Enqueue("s4-early", Ns10, 4);
        h.At(10);
        h.Enqueue("s3", Ns10, 3);
        h.Enqueue("ns5", Ns5, 1);
        h.At(20);
        h.Enqueue("s1", Ns10, 1);
        h.Enqueue("l2", Ns10, 2, AgentLevel.L2);
        h.At(300);
        h.Enqueue("s1-late", Ns10, 1);

        // alice answers ns5 (overflowed to any L1 agent, highest key) and transfers it at t=330 s; bob declines s1,
        // which goes back to the front of its queue.
        RoutingHarness.Ok(h.Engine.SetAvailable("alice"));
        RoutingHarness.Ok(h.Engine.AcceptOffer("alice", "ns5"));
        RoutingHarness.Ok(h.Engine.SetAvailable("bob"));
        RoutingHarness.Ok(h.Engine.DeclineOffer("bob", "s1"));
        h.At(330);
        RoutingHarness.Ok(h.Engine.TransferToLevel2("ns5"));

        var waiting = new List<WaitingCall>();
        h.Engine.CopyWaitingCalls(waiting);

        Assert.Equal(h.Engine.WaitingCount, waiting.Count);
        foreach (var call in waiting)
        {
            var snapshot = h.Engine.GetCall(call.CallId)!;
            Assert.Equal(
                (snapshot.Model, snapshot.Severity, snapshot.Level, snapshot.Position, snapshot.ExpectedWait),
                (call.Model, call.Severity, call.Level, call.Position, call.ExpectedWait));
        }

        Assert.Equal(
            [("s1", 1), ("s3", 2), ("s4-early", 3), ("s1-late", 4)],
            waiting.Where(c => c.Model == Ns10 && c.Level == AgentLevel.L1).Select(c => (c.CallId, c.Position)));
        Assert.Equal(
            [("ns5", Ns5, 1), ("l2", Ns10, 1)],
            waiting.Where(c => c.Level == AgentLevel.L2).OrderBy(c => c.Model).Select(c => (c.CallId, c.Model, c.Position)));
        h.AssertConsistent();
    }

    [Fact]
    public void CopyWaitingCalls_NoCallWaiting_EmptiesTheList()
    {
        var h = new RoutingHarness();
        var waiting = new List<WaitingCall> { new("stale", Ns5, 1, AgentLevel.L1, 1, TimeSpan.Zero) };

        h.Engine.CopyWaitingCalls(waiting);

        Assert.Empty(waiting);
    }
}
