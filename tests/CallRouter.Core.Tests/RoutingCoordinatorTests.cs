using CallRouter.Core.Routing;
using Grpc.Core;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Tests;

public sealed class RoutingCoordinatorTests : IDisposable
{
    private readonly CoordinatorHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Offer_NotAcceptedInTime_IsWithdrawnAndCallGoesBackToItsQueue()
    {
        var calls = _h.Register("c1").CallId;
        var watch = _h.Coordinator.WatchCall(calls);
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        Assert.Contains(CoordinatorHarness.Drain(alice.Events), e => e.Offer?.CallId == "c1");

        // 09:00:00 offered; the 20 s offer time-out passes with no accept. The coordinator's
        // timer, armed from the engine's next deadline, fires on the fake clock.
        _h.Time.Advance(TimeSpan.FromSeconds(20));

        Assert.Contains(CoordinatorHarness.Drain(alice.Events), e => e.OfferWithdrawn is { CallId: "c1", Reason: "expired" });
        var events = CoordinatorHarness.Drain(watch);
        Assert.Contains(events, e => e.Requeued?.Reason == "offer expired");
    }

    [Fact]
    public void AgentLegFailed_CallIsQueuedAgainAndAgentMadeNotReady()
    {
        _h.Register("c1");
        var watch = _h.Coordinator.WatchCall("c1");
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "c1");

        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", AgentLegFailed = new Proto.AgentLegFailed { AgentId = "alice", SipStatus = 486 } });

        var events = CoordinatorHarness.Drain(watch);
        Assert.Contains(events, e => e.EventCase == Proto.RoutingEvent.EventOneofCase.Connect);
        Assert.Equal(Proto.RoutingEvent.EventOneofCase.Queued, events[^1].EventCase);
        Assert.DoesNotContain(events, e => e.EventCase == Proto.RoutingEvent.EventOneofCase.Finished);
        Assert.Contains(CoordinatorHarness.Drain(alice.Events), e => e.StateChanged is { State: Proto.AgentState.NotReady } s && s.Reason.Contains("486"));
    }

    [Fact]
    public void TransferToLevel2_CallIsOfferedToL2AgentWithItsCase()
    {
        _h.Register("c1", problem: "1234567");
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "c1");
        AgentSession carol = _h.Coordinator.OpenSession("carol", "sip:carol@127.0.0.1", available: true);

        _h.Coordinator.Transfer(alice, new Proto.RequestTransfer { CallId = "c1", ToLevel2 = true });

        var offer = Assert.Single(CoordinatorHarness.Drain(carol.Events), e => e.Offer is not null).Offer;
        Assert.Equal("c1", offer.CallId);
        Assert.Equal("1234567", offer.Context.ProblemNumber);
        Assert.Equal(Proto.SupportLevel.L2, offer.Context.Level);
        Assert.Contains(CoordinatorHarness.Drain(alice.Events), e => e.StateChanged?.State == Proto.AgentState.WrapUp);
    }

    [Fact]
    public void TransferToManufacturer_TellsTheGatewayAndFinishesTheCall()
    {
        _h.Register("c1");
        var watch = _h.Coordinator.WatchCall("c1");
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "c1");

        _h.Coordinator.Transfer(alice, new Proto.RequestTransfer { CallId = "c1", ToManufacturer = true });

        var events = CoordinatorHarness.Drain(watch);
        Assert.Contains(events, e => e.TransferToManufacturer?.AgentId == "alice");
        Assert.Equal(Proto.RoutingEvent.EventOneofCase.Finished, events[^1].EventCase);
        Assert.True(watch.Completion.IsCompleted);
    }

    [Fact]
    public void Transfer_OfCallNotConnectedToThisAgent_IsFailedPrecondition()
    {
        _h.Register("c1");
        AgentSession carol = _h.Coordinator.OpenSession("carol", "sip:carol@127.0.0.1", available: false);

        var error = Assert.Throws<RpcException>(() => _h.Coordinator.Transfer(carol, new Proto.RequestTransfer { CallId = "c1", ToLevel2 = true }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Fact]
    public void Voicemail_WhileQueued_CountsAbandonedAndLeavesACallbackTask()
    {
        _h.Register("c1", model: "NS100");
        var watch = _h.Coordinator.WatchCall("c1");

        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Voicemail = new Proto.CallSentToVoicemail { RecordingUri = "file:///vm/c1.wav" } });

        Assert.Equal(1, _h.Coordinator.Snapshot().CallsAbandonedToday);
        Assert.Equal(1, _h.Count("SELECT COUNT(*) FROM callback_tasks WHERE call_id = 'c1' AND callback_number = '+15550100'"));
        Assert.Equal("abandoned", CoordinatorHarness.Drain(watch)[^1].Finished?.Reason);
    }

    [Fact]
    public void SessionClosed_WhileOnCall_AgentLoggedOutOnceTheCallEnds()
    {
        _h.Register("c1");
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "c1");

        _h.Coordinator.CloseSession(alice);
        Assert.Contains(_h.Coordinator.Snapshot().Agents, a => a.State == Proto.AgentState.OnCall && a.Count == 1);
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Ended = new Proto.CallEnded() });

        Assert.DoesNotContain(_h.Coordinator.Snapshot().Agents, a => a.State is Proto.AgentState.OnCall or Proto.AgentState.WrapUp && a.Count > 0);
        Assert.Contains(_h.Coordinator.Snapshot().Agents, a => a.State == Proto.AgentState.Offline && a.Count == 3);
    }

    [Fact]
    public void OpenSession_Twice_IsAlreadyExists()
    {
        _h.Coordinator.OpenSession("alice", "", available: false);

        var error = Assert.Throws<RpcException>(() => _h.Coordinator.OpenSession("alice", "", available: false));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public void WrapUp_WithoutDisposition_IsInvalidAndAgentStaysInWrapUp()
    {
        _h.Register("c1");
        AgentSession alice = _h.Coordinator.OpenSession("alice", "", available: true);
        _h.Coordinator.Accept(alice, "c1");
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Ended = new Proto.CallEnded() });

        var error = Assert.Throws<RpcException>(() => { _ = _h.Coordinator.WrapUp(alice, new Proto.WrapUp { CallId = "c1" }); });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(_h.Coordinator.Snapshot().Agents, a => a.State == Proto.AgentState.WrapUp && a.Count == 1);
        Assert.Equal(0, _h.Count("SELECT COUNT(*) FROM wrap_ups"));
    }

    [Fact]
    public void PositionUpdates_ArriveEveryInterval_WhileTheCallWaits()
    {
        _h.Register("c1", model: "NS100");
        var watch = _h.Coordinator.WatchCall("c1");
        CoordinatorHarness.Drain(watch);

        // Default interval 30 s: two announcements by 09:01:00.
        _h.Time.Advance(TimeSpan.FromSeconds(60));

        var updates = CoordinatorHarness.Drain(watch).Where(e => e.Queued is not null).ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Equal(1, u.Queued.Position));
    }
}
