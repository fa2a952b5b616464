using CallRouter.Contracts.V1;
using CallRouter.Testing;
using Google.Protobuf.WellKnownTypes;

namespace CallRouter.Cli.Tests;

/// <summary>
/// callrouter-cli's agent console as a process, driven through its standard input, against the real server.
/// Calls are registered and answered over the gateway's gRPC surface (no SIP), as the gateway would.
/// </summary>
public sealed class AgentConsoleEndToEndTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    [Fact]
    public async Task Console_ReadyThenNotReadyLunch_ServerReportsTheAgentNotReadyForLunch()
    {
        await using var bob = AgentConsoleProcess.Start(fixture.Server, "--user", "bob", "--not-ready");
        await bob.WaitForLineAsync("state NotReady");

        await bob.SendAsync("ready");
        await bob.WaitForLineAsync("state Available");
        int notReadyBefore = await fixture.AgentsInStateAsync(AgentState.NotReady);
        int mark = bob.LineCount;
        await bob.SendAsync("notready lunch");

        // The server's own state event for bob, and its supervisor view, both say so.
        await bob.WaitForLineAsync("state NotReady lunch", mark);
        Assert.Equal(notReadyBefore + 1, await fixture.AgentsInStateAsync(AgentState.NotReady));

        await bob.SendAsync("quit");
        Assert.Equal(0, await bob.WaitForExitAsync());
        Assert.Contains("logging out", bob.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_BogusCommand_PrintsAnErrorAndChangesNothing()
    {
        await using var bob = AgentConsoleProcess.Start(fixture.Server, "--user", "bob", "--not-ready");
        await bob.WaitForLineAsync("state NotReady");
        int notReadyBefore = await fixture.AgentsInStateAsync(AgentState.NotReady);
        int availableBefore = await fixture.AgentsInStateAsync(AgentState.Available);

        await bob.SendAsync("bogus stuff");
        await bob.WaitForLineAsync("stderr: error: unknown command 'bogus'");
        await bob.SendAsync("transfer l3");
        await bob.WaitForLineAsync("stderr: error: transfer to 'l3'?");

        // The console still answers and the server still sees bob not ready.
        await bob.SendAsync("status");
        await bob.WaitForLineAsync("offer: none; connected call: none; wrap-up: none");
        Assert.Equal(notReadyBefore, await fixture.AgentsInStateAsync(AgentState.NotReady));
        Assert.Equal(availableBefore, await fixture.AgentsInStateAsync(AgentState.Available));
        await bob.SendAsync("quit");
        Assert.Equal(0, await bob.WaitForExitAsync());
    }

    [Fact]
    public async Task Console_AcceptThenHoldAndResume_GatewayIsAskedToHoldThenResume()
    {
        string callId = "cli-hold-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = callId, MachineModel = "NS10", Severity = 2, CustomerAccount = "CLI-HOLD" },
        }, deadline: ConsoleServerFixture.Deadline());
        using var watch = fixture.Gateway.WatchCall(new WatchCallRequest { CallId = callId }, deadline: ConsoleServerFixture.Deadline(90));
        await using var alice = AgentConsoleProcess.Start(fixture.Server, "--user", "alice", "--contact", "sip:alice@127.0.0.1:5070");
        await alice.WaitForLineAsync($"OFFER call {callId}");

        await alice.SendAsync("accept");
        RoutingEvent connect = await watch.ResponseStream.ReadUntilAsync(e => e.EventCase == RoutingEvent.EventOneofCase.Connect);
        Assert.Equal("alice", connect.Connect.AgentId);
        await alice.WaitForLineAsync($"on call {callId}");

        // A call alice is not on: the server refuses, and the console prints its code and reason.
        await alice.SendAsync("hold no-such-call");
        await alice.WaitForLineAsync("refused (FailedPrecondition): call 'no-such-call' is not connected to an agent");

        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Answered = new CallAnswered { AgentId = "alice" } },
            deadline: ConsoleServerFixture.Deadline());
        await alice.SendAsync("hold");
        RoutingEvent held = await watch.ResponseStream.ReadUntilAsync(e => e.EventCase == RoutingEvent.EventOneofCase.AgentHold);
        await alice.SendAsync("resume");
        RoutingEvent resumed = await watch.ResponseStream.ReadUntilAsync(e => e.EventCase == RoutingEvent.EventOneofCase.AgentHold);
        Assert.Equal(new AgentHold { AgentId = "alice", Hold = true }, held.AgentHold);
        Assert.Equal(new AgentHold { AgentId = "alice", Hold = false }, resumed.AgentHold);

        // The caller hangs up; alice wraps up and is available again.
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest
        {
            CallId = callId,
            Ended = new CallEnded { Talked = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)), EndedBy = "caller" },
        }, deadline: ConsoleServerFixture.Deadline());
        await alice.WaitForLineAsync($"call {callId} ended");
        int mark = alice.LineCount;
        await alice.SendAsync("wrapup resolved rebooted the unit");
        await alice.WaitForLineAsync("state Available", mark);
        await alice.SendAsync("quit");
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task Console_TransferL2_RequeuesTheCallAtLevel2AndLeavesTheAgentInWrapUp()
    {
        string callId = "cli-l2-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = callId, MachineModel = "NS-5", Severity = 3, CustomerAccount = "CLI-L2" },
        }, deadline: ConsoleServerFixture.Deadline());
        using var watch = fixture.Gateway.WatchCall(new WatchCallRequest { CallId = callId }, deadline: ConsoleServerFixture.Deadline(90));
        await using var alice = AgentConsoleProcess.Start(fixture.Server, "--user", "alice", "--contact", "sip:alice@127.0.0.1:5070");
        await alice.WaitForLineAsync($"OFFER call {callId}");
        await alice.SendAsync("accept");
        await alice.WaitForLineAsync($"on call {callId}");
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Answered = new CallAnswered { AgentId = "alice" } },
            deadline: ConsoleServerFixture.Deadline());

        await alice.SendAsync("transfer l2");

        // The call's stream, read from the start, showed it queued at L1 first; now it is queued again at L2.
        RoutingEvent queued = await watch.ResponseStream.ReadUntilAsync(e => e.Queued?.Queue.Level == SupportLevel.L2);
        Assert.Equal(MachineModel.Ns5, queued.Queued.Queue.MachineModel);
        await alice.WaitForLineAsync("state WrapUp");

        // Nobody at L2 is logged in: the caller gives up, and alice wraps up.
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest
        {
            CallId = callId,
            Abandoned = new CallAbandoned { Waited = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)) },
        }, deadline: ConsoleServerFixture.Deadline());
        int mark = alice.LineCount;
        await alice.SendAsync("wrapup needs-l2");
        await alice.WaitForLineAsync("state Available", mark);
        await alice.SendAsync("quit");
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task Console_AutoAccept_StillTakesOffersAndWrapsUpWhileTakingCommands()
    {
        string callId = "cli-auto-" + Guid.NewGuid().ToString("N")[..8];
        await using var alice = AgentConsoleProcess.Start(fixture.Server, "--user", "alice", "--auto-accept", "--contact", "sip:alice@127.0.0.1:5070");
        await alice.WaitForLineAsync("state Available");

        await fixture.Gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = callId, MachineModel = "NS10", Severity = 4, CustomerAccount = "CLI-AUTO" },
        }, deadline: ConsoleServerFixture.Deadline());
        using var watch = fixture.Gateway.WatchCall(new WatchCallRequest { CallId = callId }, deadline: ConsoleServerFixture.Deadline(90));

        RoutingEvent connect = await watch.ResponseStream.ReadUntilAsync(e => e.EventCase == RoutingEvent.EventOneofCase.Connect);
        Assert.Equal("alice", connect.Connect.AgentId);
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Answered = new CallAnswered { AgentId = "alice" } },
            deadline: ConsoleServerFixture.Deadline());
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest
        {
            CallId = callId,
            Ended = new CallEnded { Talked = Duration.FromTimeSpan(TimeSpan.FromSeconds(20)), EndedBy = "caller" },
        }, deadline: ConsoleServerFixture.Deadline());
        int ended = await alice.WaitForLineAsync($"call {callId} ended");

        await alice.WaitForLineAsync("state Available", ended + 1);
        await alice.SendAsync("quit");
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task Console_TransferMfr_HandsTheCallToTheGatewayForTheManufacturerLine()
    {
        string callId = await RegisterCallAsync("cli-mfr-", "NS10");
        using var watch = fixture.Gateway.WatchCall(new WatchCallRequest { CallId = callId }, deadline: ConsoleServerFixture.Deadline(90));
        await using var alice = AgentConsoleProcess.Start(fixture.Server, "--user", "alice", "--contact", "sip:alice@127.0.0.1:5070");
        await alice.WaitForLineAsync($"OFFER call {callId}");
        await alice.SendAsync("accept");
        await alice.WaitForLineAsync($"on call {callId}");
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Answered = new CallAnswered { AgentId = "alice" } },
            deadline: ConsoleServerFixture.Deadline());

        await alice.SendAsync("transfer mfr");

        RoutingEvent transfer = await watch.ResponseStream.ReadUntilAsync(e => e.EventCase == RoutingEvent.EventOneofCase.TransferToManufacturer);
        Assert.Equal("alice", transfer.TransferToManufacturer.AgentId);
        await alice.WaitForLineAsync("state WrapUp");
        int mark = alice.LineCount;
        await alice.SendAsync("wrapup resolved sent to Mfr TS");
        await alice.WaitForLineAsync("state Available", mark);
        await alice.SendAsync("quit");
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task Console_Decline_WithdrawsTheOfferAndRequeuesTheCall()
    {
        string callId = await RegisterCallAsync("cli-decline-", "NS100");
        using var watch = fixture.Gateway.WatchCall(new WatchCallRequest { CallId = callId }, deadline: ConsoleServerFixture.Deadline(90));
        await using var bob = AgentConsoleProcess.Start(fixture.Server, "--user", "bob");
        await bob.WaitForLineAsync($"OFFER call {callId}");

        await bob.SendAsync("decline not my area");

        await bob.WaitForLineAsync($"offer {callId} withdrawn");
        await watch.ResponseStream.ReadUntilAsync(e => e.EventCase == RoutingEvent.EventOneofCase.Requeued);
        await bob.SendAsync("quit");
        Assert.Equal(0, await bob.WaitForExitAsync());
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest
        {
            CallId = callId,
            Abandoned = new CallAbandoned { Waited = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)) },
        }, deadline: ConsoleServerFixture.Deadline());
    }

    [Fact]
    public async Task Console_HoldOfAnotherAgentsCall_PrintsTheServersPermissionDenied()
    {
        string callId = await RegisterCallAsync("cli-other-", "NS10");
        await using var alice = AgentConsoleProcess.Start(fixture.Server, "--user", "alice", "--contact", "sip:alice@127.0.0.1:5070");
        await alice.WaitForLineAsync($"OFFER call {callId}");
        await alice.SendAsync("accept");
        await alice.WaitForLineAsync($"on call {callId}");
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Answered = new CallAnswered { AgentId = "alice" } },
            deadline: ConsoleServerFixture.Deadline());
        await using var carol = AgentConsoleProcess.Start(fixture.Server, "--user", "carol", "--not-ready");
        await carol.WaitForLineAsync("state NotReady");

        await carol.SendAsync($"hold {callId}");

        await carol.WaitForLineAsync($"refused (PermissionDenied): call '{callId}' is connected to another agent");
        await carol.SendAsync("quit");
        Assert.Equal(0, await carol.WaitForExitAsync());
        await fixture.Gateway.ReportCallEventAsync(new CallEventRequest
        {
            CallId = callId,
            Ended = new CallEnded { Talked = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)), EndedBy = "caller" },
        }, deadline: ConsoleServerFixture.Deadline());
        int ended = await alice.WaitForLineAsync($"call {callId} ended");
        await alice.SendAsync("wrapup");
        await alice.WaitForLineAsync("state Available", ended + 1);
        await alice.SendAsync("quit");
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    /// <summary>Registers a call as the gateway would, with no agent logged in for it yet.</summary>
    private async Task<string> RegisterCallAsync(string prefix, string model)
    {
        string callId = prefix + Guid.NewGuid().ToString("N")[..8];
        await fixture.Gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = callId, MachineModel = model, Severity = 3, CustomerAccount = "CLI-" + model },
        }, deadline: ConsoleServerFixture.Deadline());
        return callId;
    }
}
