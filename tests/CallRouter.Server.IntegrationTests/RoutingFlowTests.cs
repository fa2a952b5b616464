using CallRouter.Contracts.V1;
using CallRouter.Testing;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

/// <summary>A call goes through the real server: gateway registers it, an agent takes it, supervisors see it.</summary>
public sealed class RoutingFlowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Call_RegisteredAndAcceptedByQualifiedAgent_IsConnectedWrappedUpAndCounted()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        var supervisor = new SupervisorService.SupervisorServiceClient(await fixture.LoginAsync("supervisor", "demo-supervisor"));
        var agents = new AgentService.AgentServiceClient(await fixture.LoginAsync("alice", "demo-alice"));
        StatisticsSnapshot before = await supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline());

        // The caller arrives first and waits: no agent is logged in yet.
        RegisterCallResponse registered = await gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = "flow-1", MachineModel = "ns 10", Severity = 2, CustomerAccount = "ACME-001", SerialNumber = "SN123" },
        }, deadline: ServerFixture.Deadline());
        Assert.False(registered.ReturnedToManufacturer);
        Assert.Equal(MachineModel.Ns10, registered.MachineModel);
        Assert.Equal(1, registered.Position);
        using var watch = gateway.WatchCall(new WatchCallRequest { CallId = "flow-1" }, deadline: ServerFixture.Deadline(60));

        // Alice (NS-5, NS10) logs in available and is offered the call with its context.
        using var session = agents.Session(deadline: ServerFixture.Deadline(60));
        await session.RequestStream.WriteAsync(new AgentCommand { Login = new SessionLogin { SipContact = "sip:alice@127.0.0.1:5070", Available = true } });
        AgentEvent offer = await session.ResponseStream.ReadUntilAsync(e => e.EventCase == AgentEvent.EventOneofCase.Offer);
        Assert.Equal("flow-1", offer.Offer.CallId);
        Assert.Equal("ACME-001", offer.Offer.Context.CustomerAccount);
        Assert.Equal(2, offer.Offer.Case.Severity);

        await session.RequestStream.WriteAsync(new AgentCommand { Accept = new AcceptOffer { CallId = "flow-1" } });
        RoutingEvent connect = await watch.ResponseStream.ReadUntilAsync(e => e.EventCase == RoutingEvent.EventOneofCase.Connect);
        Assert.Equal("alice", connect.Connect.AgentId);
        Assert.Equal("sip:alice@127.0.0.1:5070", connect.Connect.AgentSipContact);
        await session.ResponseStream.ReadUntilAsync(e => e.EventCase == AgentEvent.EventOneofCase.CallStarted);

        // The gateway reports the SIP side: answered, then ended by the caller.
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = "flow-1", Answered = new CallAnswered { AgentId = "alice" } }, deadline: ServerFixture.Deadline());
        await gateway.ReportCallEventAsync(new CallEventRequest
        {
            CallId = "flow-1",
            Ended = new CallEnded { Talked = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(3)), EndedBy = "caller" },
        }, deadline: ServerFixture.Deadline());
        await watch.ResponseStream.ReadUntilAsync(e => e.EventCase == RoutingEvent.EventOneofCase.Finished);
        await session.ResponseStream.ReadUntilAsync(e => e.EventCase == AgentEvent.EventOneofCase.CallStopped);
        await session.ResponseStream.ReadUntilAsync(e => e.StateChanged?.State == AgentState.WrapUp);

        // Wrap-up with a disposition makes Alice available again.
        await session.RequestStream.WriteAsync(new AgentCommand { WrapUp = new WrapUp { CallId = "flow-1", Disposition = Disposition.Resolved, Notes = "rebooted" } });
        await session.ResponseStream.ReadUntilAsync(e => e.StateChanged?.State == AgentState.Available);

        StatisticsSnapshot after = await supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline());
        Assert.Equal(before.CallsOfferedToday + 1, after.CallsOfferedToday);
        Assert.Equal(before.CallsAnsweredToday + 1, after.CallsAnsweredToday);
        Assert.Equal(0, after.CallsWaiting);
        Assert.Contains(after.Agents, a => a.State == AgentState.Available && a.Count >= 1);

        await session.RequestStream.WriteAsync(new AgentCommand { Logout = new Logout() });
        await session.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task Call_AbandonedWhileQueued_IsCountedAndLeavesTheQueue()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        var supervisor = new SupervisorService.SupervisorServiceClient(await fixture.LoginAsync("supervisor", "demo-supervisor"));
        StatisticsSnapshot before = await supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline());

        // NS100 has only Bob as specialist and Bob never logs in in this class, so the call waits.
        await gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = "abandon-1", MachineModel = "NS100", Severity = 4 },
        }, deadline: ServerFixture.Deadline());
        StatisticsSnapshot waiting = await supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline());
        Assert.Equal(before.CallsWaiting + 1, waiting.CallsWaiting);

        await gateway.ReportCallEventAsync(new CallEventRequest
        {
            CallId = "abandon-1",
            Abandoned = new CallAbandoned { Waited = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) },
        }, deadline: ServerFixture.Deadline());

        StatisticsSnapshot after = await supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline());
        Assert.Equal(before.CallsWaiting, after.CallsWaiting);
        Assert.Equal(before.CallsAbandonedToday + 1, after.CallsAbandonedToday);
    }

    [Theory]
    [InlineData("bad-model", "NS7", 1, StatusCode.InvalidArgument)]
    [InlineData("bad-severity", "NS10", 5, StatusCode.InvalidArgument)]
    [InlineData("zero-severity", "NS10", 0, StatusCode.InvalidArgument)]
    [InlineData("", "NS10", 1, StatusCode.InvalidArgument)]
    [InlineData("no-model", "", 1, StatusCode.InvalidArgument)]
    public async Task RegisterCall_WithBadContext_IsRejectedAndQueuesNothing(string callId, string model, int severity, StatusCode expected)
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        var supervisor = new SupervisorService.SupervisorServiceClient(await fixture.LoginAsync("supervisor", "demo-supervisor"));
        StatisticsSnapshot before = await supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(() => gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = callId, MachineModel = model, Severity = severity },
        }, deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(expected, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        StatisticsSnapshot after = await supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: ServerFixture.Deadline());
        Assert.Equal(before.CallsWaiting, after.CallsWaiting);
        Assert.Equal(before.CallsOfferedToday, after.CallsOfferedToday);
    }

    [Fact]
    public async Task RegisterCall_WithDuplicateCallId_IsFailedPreconditionAndKeepsTheFirst()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        var context = new CallContext { CallId = "dup-1", MachineModel = "NS Remote", Severity = 3 };
        await gateway.RegisterCallAsync(new RegisterCallRequest { Context = context }, deadline: ServerFixture.Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(() => gateway.RegisterCallAsync(
            new RegisterCallRequest { Context = context }, deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("already registered", error.Status.Detail);
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = "dup-1", Abandoned = new CallAbandoned() }, deadline: ServerFixture.Deadline());
    }
}
