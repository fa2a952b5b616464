using CallRouter.Core.Routing;
using CallRouter.Routing;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Tests;

/// <summary>Periodic position and expected-wait announcements to the gateway (SPEC R4).</summary>
public sealed class RoutingCoordinatorAnnouncementTests : IDisposable
{
    private readonly CoordinatorHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void AnnouncePositions_EveryInterval_EachWaitingCallHearsItsPositionAndExpectedWait()
    {
        // alice (L1: NS-5, NS10) is busy on an NS-5 call, so she is the one NS10 L1 agent staffed and nobody is free.
        _h.Register("busy", model: "NS-5");
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "busy");
        string[] waiting = ["ns10-s3", "ns10-s1", "ns10-s2", "ns100-s4"];
        _h.Register("ns10-s3", model: "NS10", severity: 3);
        _h.Register("ns10-s1", model: "NS10", severity: 1);
        _h.Register("ns10-s2", model: "NS10", severity: 2);
        _h.Register("ns100-s4", model: "NS100", severity: 4);
        var watches = waiting.Append("busy").ToDictionary(id => id, id => _h.Coordinator.WatchCall(id));
        foreach (var watch in watches.Values)
        {
            CoordinatorHarness.Drain(watch);
        }

        // 09:00:30: the first announcement round.
        _h.Time.Advance(_h.Options.PositionUpdateInterval);

        // Severity first within NS10 L1; expected wait = ceil(position / max(1, staffed)) × 6 min (default handle time).
        var heard = waiting.ToDictionary(id => id, id => Assert.Single(CoordinatorHarness.Drain(watches[id]), e => e.Queued is not null).Queued);
        Assert.Equal(
            [("ns10-s3", 3, 18), ("ns10-s1", 1, 6), ("ns10-s2", 2, 12), ("ns100-s4", 1, 6)],
            waiting.Select(id => (id, heard[id].Position, (int)heard[id].ExpectedWait.ToTimeSpan().TotalMinutes)));
        Assert.Equal(ProtoMapping.QueueKey(MachineModel.Ns10, 2, AgentLevel.L1), heard["ns10-s2"].Queue);
        Assert.DoesNotContain(CoordinatorHarness.Drain(watches["busy"]), e => e.Queued is not null);
    }

    [Fact]
    public void PostIfNothingSince_AnotherEventPostedAfterTheSnapshot_StaleAnnouncementDropped()
    {
        var call = new TrackedCall(new Proto.CallContext { CallId = "c1" }, MachineModel.Ns10, AgentLevel.L1, CoordinatorHarness.Start);
        long before = call.Posted;
        call.Post(new Proto.RoutingEvent { CallId = "c1", Offered = new Proto.CallOffered { AgentId = "alice" } });

        bool posted = call.PostIfNothingSince(before, new Proto.RoutingEvent { CallId = "c1", Queued = new Proto.CallQueued { Position = 3 } });

        Assert.False(posted);
        Assert.True(call.PostIfNothingSince(call.Posted, new Proto.RoutingEvent { CallId = "c1", Queued = new Proto.CallQueued { Position = 2 } }));
        Assert.Equal(
            [Proto.RoutingEvent.EventOneofCase.Offered, Proto.RoutingEvent.EventOneofCase.Queued],
            CoordinatorHarness.Drain(call.Events).Select(e => e.EventCase));
    }
}
