using CallRouter.Core.Routing;
using Grpc.Core;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Tests;

/// <summary>Hold and resume asked for from the agent's console (issue #5, item 5).</summary>
public sealed class RoutingCoordinatorHoldTests : IDisposable
{
    private readonly CoordinatorHarness _h = new();

    public void Dispose() => _h.Dispose();

    private AgentSession AliceTalkingOn(string callId)
    {
        _h.Register(callId);
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, callId);
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = callId, Answered = new Proto.CallAnswered { AgentId = "alice" } });
        return alice;
    }

    [Fact]
    public void Hold_ThenResume_ByTheAgentOnTheCall_TellsTheGatewayOfThatCall()
    {
        AgentSession alice = AliceTalkingOn("c1");
        var watch = _h.Coordinator.WatchCall("c1");
        CoordinatorHarness.Drain(watch);

        _h.Coordinator.Hold(alice, new Proto.HoldCall { CallId = "c1", Hold = true });
        _h.Coordinator.Hold(alice, new Proto.HoldCall { CallId = "c1", Hold = false });

        var events = CoordinatorHarness.Drain(watch);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("c1", e.CallId));
        Assert.Equal(new Proto.AgentHold { AgentId = "alice", Hold = true }, events[0].AgentHold);
        Assert.Equal(new Proto.AgentHold { AgentId = "alice", Hold = false }, events[1].AgentHold);
        Assert.False(watch.Completion.IsCompleted);
    }

    [Fact]
    public void Hold_ByAnAgentNotOnTheCall_IsPermissionDeniedAndChangesNothing()
    {
        AliceTalkingOn("c1");
        var watch = _h.Coordinator.WatchCall("c1");
        CoordinatorHarness.Drain(watch);
        AgentSession carol = _h.Coordinator.OpenSession("carol", "sip:carol@127.0.0.1", available: false);

        var error = Assert.Throws<RpcException>(() => _h.Coordinator.Hold(carol, new Proto.HoldCall { CallId = "c1", Hold = true }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Empty(CoordinatorHarness.Drain(watch));
    }

    [Fact]
    public void Hold_OfACallStillQueued_IsFailedPreconditionAndChangesNothing()
    {
        _h.Register("c1");
        var watch = _h.Coordinator.WatchCall("c1");
        CoordinatorHarness.Drain(watch);
        AgentSession carol = _h.Coordinator.OpenSession("carol", "sip:carol@127.0.0.1", available: false);

        var error = Assert.Throws<RpcException>(() => _h.Coordinator.Hold(carol, new Proto.HoldCall { CallId = "c1", Hold = true }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Empty(CoordinatorHarness.Drain(watch));
    }

    [Fact]
    public void Hold_FromAClosedConsoleSession_IsFailedPrecondition()
    {
        AgentSession alice = AliceTalkingOn("c1");
        var watch = _h.Coordinator.WatchCall("c1");
        CoordinatorHarness.Drain(watch);
        _h.Coordinator.CloseSession(alice);

        var error = Assert.Throws<RpcException>(() => _h.Coordinator.Hold(alice, new Proto.HoldCall { CallId = "c1", Hold = true }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.DoesNotContain(CoordinatorHarness.Drain(watch), e => e.AgentHold is not null);
    }
}
