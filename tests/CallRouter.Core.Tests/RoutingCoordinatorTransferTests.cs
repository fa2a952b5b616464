using CallRouter.Core.Cases;
using CallRouter.Core.Routing;
using Google.Protobuf.WellKnownTypes;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Tests;

/// <summary>
/// A transfer to L2 keeps the call (SPEC R6; docs/routing.md, "Transfer to L2"): the gateway's stream, the case,
/// the first answer, and each count once.
/// </summary>
public sealed class RoutingCoordinatorTransferTests : IDisposable
{
    private readonly CoordinatorHarness _h = new();
    private readonly CapturingCaseRecorder _cases = new();

    public RoutingCoordinatorTransferTests() => _h.Coordinator.UseCaseRecorder(_cases);

    public void Dispose() => _h.Dispose();

    [Fact]
    public void TransferToLevel2_ThenL2Answers_SameStreamFirstAnswerKeptAndTotalsRecordedOnce()
    {
        _h.Register("c1", problem: "1234567");
        var watch = _h.Coordinator.WatchCall("c1");
        AgentSession carol = _h.Coordinator.OpenSession("carol", "sip:carol@127.0.0.1", available: false);

        // 09:00:10 alice answers (L1 wait 10 s); her phone picks up at :12; 09:05:12 she transfers to L2.
        _h.Time.Advance(TimeSpan.FromSeconds(10));
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "c1");
        _h.Time.Advance(TimeSpan.FromSeconds(2));
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Answered = new Proto.CallAnswered { AgentId = "alice" } });
        _h.Time.Advance(TimeSpan.FromSeconds(300));
        _h.Coordinator.Transfer(alice, new Proto.RequestTransfer { CallId = "c1", ToLevel2 = true });

        // The gateway's stream stays open and hears the call is queued again (its cue to drop alice's leg).
        var untilTransfer = CoordinatorHarness.Drain(watch);
        Assert.Equal(Proto.RoutingEvent.EventOneofCase.Queued, untilTransfer[^1].EventCase);
        Assert.Equal(ProtoMapping.QueueKey(CallRouter.Routing.MachineModel.Ns10, 2, CallRouter.Routing.AgentLevel.L2), untilTransfer[^1].Queued.Queue);
        Assert.Equal(1, untilTransfer[^1].Queued.Position);
        Assert.DoesNotContain(untilTransfer, e => e.EventCase == Proto.RoutingEvent.EventOneofCase.Finished);
        Assert.Contains(CoordinatorHarness.Drain(alice.Events), e => e.CallStopped?.CallId == "c1");

        // 09:06:12 carol takes it (L2 wait 60 s); her phone answers at :15; the call ends at 09:07:55. The gateway's
        // own clock ran from the first queueing, so its "waited" (375 s) includes alice's talk; the core uses its own.
        _h.Time.Advance(TimeSpan.FromSeconds(60));
        _h.Coordinator.ChangeState(carol, Proto.AgentState.Available, "");
        Assert.Contains(CoordinatorHarness.Drain(carol.Events), e => e.Offer?.CallId == "c1");
        _h.Coordinator.Accept(carol, "c1");
        _h.Time.Advance(TimeSpan.FromSeconds(3));
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Answered = new Proto.CallAnswered { AgentId = "carol" } });
        _h.Time.Advance(TimeSpan.FromSeconds(100));
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest
        {
            CallId = "c1",
            Ended = new Proto.CallEnded { Waited = Duration.FromTimeSpan(TimeSpan.FromSeconds(375)), Talked = Duration.FromTimeSpan(TimeSpan.FromSeconds(100)), EndedBy = "caller" },
        });

        var stats = _h.Coordinator.Snapshot();
        Assert.Equal((1, 1, 0), (stats.CallsOfferedToday, stats.CallsAnsweredToday, stats.CallsAbandonedToday));

        // Wait 10 s + 60 s in queues; talk 302 s with alice (acceptance to transfer) + 100 s with carol.
        Assert.Equal(1, _h.Count("SELECT COUNT(*) FROM call_records"));
        Assert.Equal(1, _h.Count("SELECT COUNT(*) FROM call_records WHERE call_id = 'c1' AND outcome = 'answered' AND agent_id = 'carol' AND waited_ms = 70000 AND talked_ms = 402000"));

        // The case logs the call once, answered when alice's phone picked up (its wait is the time to answer).
        var logged = Assert.Single(_cases.Ended);
        Assert.Equal(("c1", "carol", CoordinatorHarness.Start.AddSeconds(12), CoordinatorHarness.Start.AddSeconds(475)),
            (logged.CallId, logged.AgentId, logged.AnsweredAt, logged.EndedAt));
        Assert.Contains("transferred to L2 by alice", logged.Note, StringComparison.Ordinal);
        Assert.Equal(Proto.RoutingEvent.EventOneofCase.Finished, CoordinatorHarness.Drain(watch)[^1].EventCase);
    }

    [Fact]
    public void TransferToLevel2_CallerHangsUpWaitingForL2_LoggedAnsweredAndNotCountedAbandoned()
    {
        _h.Register("c1", problem: "1234567");
        var watch = _h.Coordinator.WatchCall("c1");
        _h.Time.Advance(TimeSpan.FromSeconds(20));
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "c1");
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Answered = new Proto.CallAnswered { AgentId = "alice" } });
        _h.Time.Advance(TimeSpan.FromSeconds(120));
        _h.Coordinator.Transfer(alice, new Proto.RequestTransfer { CallId = "c1", ToLevel2 = true });

        // Nobody at L2 is logged in; the caller gives up after 90 s waiting for L2.
        _h.Time.Advance(TimeSpan.FromSeconds(90));
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Abandoned = new Proto.CallAbandoned { Waited = Duration.FromTimeSpan(TimeSpan.FromSeconds(230)) } });

        var stats = _h.Coordinator.Snapshot();
        Assert.Equal((1, 1, 0), (stats.CallsOfferedToday, stats.CallsAnsweredToday, stats.CallsAbandonedToday));
        Assert.Equal(1, _h.Count("SELECT COUNT(*) FROM call_records WHERE call_id = 'c1' AND outcome = 'abandoned' AND waited_ms = 110000 AND talked_ms = 120000"));
        var logged = Assert.Single(_cases.Ended);
        Assert.Equal(("alice", CoordinatorHarness.Start.AddSeconds(20)), (logged.AgentId, logged.AnsweredAt));
        Assert.Contains("waiting for L2", logged.Note, StringComparison.Ordinal);
        Assert.Equal("abandoned", CoordinatorHarness.Drain(watch)[^1].Finished?.Reason);
    }

    [Fact]
    public void TransferToLevel2_OfACallAlreadyAtL2_IsFailedPreconditionAndTheCallStaysWithTheAgent()
    {
        _h.Register("c1", problem: "1234567");
        var watch = _h.Coordinator.WatchCall("c1");
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "c1");
        _h.Coordinator.Transfer(alice, new Proto.RequestTransfer { CallId = "c1", ToLevel2 = true });
        AgentSession carol = _h.Coordinator.OpenSession("carol", "sip:carol@127.0.0.1", available: true);
        _h.Coordinator.Accept(carol, "c1");
        CoordinatorHarness.Drain(watch);

        var error = Assert.Throws<Grpc.Core.RpcException>(() => _h.Coordinator.Transfer(carol, new Proto.RequestTransfer { CallId = "c1", ToLevel2 = true }));

        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Empty(CoordinatorHarness.Drain(watch));
        Assert.Contains(_h.Coordinator.Snapshot().Agents, a => a.State == Proto.AgentState.OnCall && a.Count == 1);
    }

    private sealed class CapturingCaseRecorder : ICaseRecorder
    {
        public List<CallOutcome> Ended { get; } = [];

        public Task CallEnded(CallOutcome outcome)
        {
            Ended.Add(outcome);
            return Task.CompletedTask;
        }

        public Task WrappedUp(WrapUpOutcome outcome) => Task.CompletedTask;
    }
}
