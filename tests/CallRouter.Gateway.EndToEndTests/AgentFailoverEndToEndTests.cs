using System.Globalization;
using CallRouter.Contracts.V1;
using static CallRouter.Gateway.EndToEndTests.CallFlowEndToEndTests;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// SPEC R5: an agent who accepted but whose phone never answers does not lose the caller. The gateway CANCELs
/// after the answer time-out, the core requeues the call at the front, and the next able agent gets the same
/// call and case, answers and talks.
/// </summary>
public sealed class AgentFailoverEndToEndTests
{
    [Fact]
    public async Task FirstAgentPhoneDoesNotAnswer_SecondAgentGetsSameCallAndCaseAndTalks()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string>
        {
            ["CallRouter__Gateway__AgentAnswerTimeout"] = "00:00:03",
            ["CallRouter__Gateway__Recording__Share"] = "1",
            // A second L1 agent for NS10 besides alice (the demo directory has seven users, indexes 0 to 6).
            ["CallRouter__Auth__Users__7__UserName"] = "dave",
            ["CallRouter__Auth__Users__7__DisplayName"] = "Dave (L1)",
            ["CallRouter__Auth__Users__7__Password"] = "demo-dave",
            ["CallRouter__Auth__Users__7__Roles__0"] = "agent-l1",
            ["CallRouter__Auth__Users__7__Models__0"] = "NS10",
        });
        using var channel = server.CreateChannel();
        string alicePort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        string davePort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        await using var alice = await AgentConsole.OpenAsync(channel, "alice", "demo-alice", $"sip:alice@127.0.0.1:{alicePort}");
        await using var alicePhone = SippRunner.Start("-sf", SippRunner.Scenario("agent_no_answer.xml"), "-m", "1", "-i", "127.0.0.1", "-p", alicePort, "-timeout", "140s");
        await using var caller = SippRunner.Start(CallerArguments(server, "caller_ivr_agent.xml", "NS10", "-rtp_echo"));

        // Alice is offered the call first (nobody else is logged in yet) and accepts it.
        var first = (await WithContext(alice.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        await using var dave = await AgentConsole.OpenAsync(channel, "dave", "demo-dave", $"sip:dave@127.0.0.1:{davePort}");
        await using var davePhone = SippRunner.Start("-sf", SippRunner.Scenario("agent_softphone.xml"), "-m", "1", "-i", "127.0.0.1", "-p", davePort,
            "-mp", LoopbackPorts.FreeMediaPair().ToString(CultureInfo.InvariantCulture), "-key", "agent", "dave", "-timeout", "140s");
        await alice.AcceptAsync(first.CallId);

        // Her phone rings until the gateway gives up; dave is offered the same call and case, answers and talks.
        Assert.True(await alicePhone.WaitAsync(SippLimit) == 0, alicePhone.Describe() + server.Output);
        var second = (await WithContext(dave.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.Case.ProblemNumber, second.Case.ProblemNumber);
        await dave.AcceptAsync(second.CallId);
        Assert.True(await davePhone.WaitAsync(SippLimit) == 0, davePhone.Describe() + server.Output);
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WithContext(dave.NextAsync(AgentEvent.EventOneofCase.CallStopped, EventLimit), server, caller);

        // Audio both ways on dave's leg (the caller echoes what it hears), and the case shows dave's call.
        var wav = await WaitForRecordingAsync(server, second.CallId);
        Assert.True(ActiveFrames(wav, channel: 0) > 8000, "no audio from the caller in the recording\n" + server.Output);
        Assert.True(ActiveFrames(wav, channel: 1) > 8000, "no audio to the caller in the recording\n" + server.Output);
        var cases = new CaseService.CaseServiceClient(await channel.LoginAsync("dave", "demo-dave"));
        var detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = second.Case.ProblemNumber }, deadline: DateTime.UtcNow.AddSeconds(30));
        var call = Assert.Single(detail.Calls, c => c.CallId == second.CallId);
        Assert.Equal("dave", call.AgentId);
        Assert.InRange(call.Talk.ToTimeSpan(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task NoMediaPortLeftForAgentLeg_CallGoesBackToQueueAndAgentMadeNotReady()
    {
        // One RTP port pair in all: the caller's leg takes it, so the agent's leg cannot be set up.
        int pair = LoopbackPorts.FreeMediaPair();
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string>
        {
            ["CallRouter__Gateway__RtpPortStart"] = pair.ToString(CultureInfo.InvariantCulture),
            ["CallRouter__Gateway__RtpPortEnd"] = (pair + 1).ToString(CultureInfo.InvariantCulture),
        });
        using var channel = server.CreateChannel();
        var supervisor = await SupervisorAsync(channel);
        await using var alice = await AgentConsole.OpenAsync(channel, "alice", "demo-alice", $"sip:alice@127.0.0.1:{LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture)}");
        await using var caller = SippRunner.Start(CallerArguments(server, "caller_abandon.xml", "NS10"));

        var offer = (await WithContext(alice.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        await alice.AcceptAsync(offer.CallId);

        // The core hears of a failed agent leg (not of an abandon it would refuse) and queues the call again.
        AgentEvent state;
        do
        {
            state = await WithContext(alice.NextAsync(AgentEvent.EventOneofCase.StateChanged, EventLimit), server, caller);
        }
        while (state.StateChanged.State != AgentState.NotReady);
        await WaitForAsync(supervisor, s => s.CallsWaiting == 1, "the call to be waiting again", server, caller);
        await WaitForOutputAsync(server, "no media for the agent");

        // The caller then hangs up on hold: an ordinary abandon.
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WaitForAsync(supervisor, s => s.CallsAbandonedToday == 1 && s.CallsWaiting == 0, "the call to be abandoned", server, caller);
    }
}
