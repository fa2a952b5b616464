using System.Globalization;
using CallRouter.Contracts.V1;
using static CallRouter.Gateway.EndToEndTests.CallFlowEndToEndTests;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// Callers whose switches differ from the usual one: key presses as SIP INFO (the gateway's fallback to RFC 4733)
/// and signalling over TCP. Each completes the IVR (new problem, severity 2) and talks to alice.
/// </summary>
public sealed class CallerVariantsEndToEndTests
{
    [Fact]
    public async Task CallerSendingSipInfoDigits_CompletesIvrAndTalksToAgent()
    {
        await CompleteCallAsync("caller_ivr_info.xml", "u1");
    }

    [Fact]
    public async Task CallerOverTcp_CompletesIvrAndTalksToAgent()
    {
        await CompleteCallAsync("caller_ivr_agent.xml", "t1");
    }

    private static async Task CompleteCallAsync(string callerScenario, string transport)
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string> { ["CallRouter__Gateway__Recording__Share"] = "1" });
        using var channel = server.CreateChannel();
        string phonePort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        await using var console = await AgentConsole.OpenAsync(channel, "alice", "demo-alice", $"sip:alice@127.0.0.1:{phonePort}");
        await using var phone = SippRunner.Start("-sf", SippRunner.Scenario("agent_softphone.xml"), "-m", "1", "-i", "127.0.0.1", "-p", phonePort,
            "-mp", LoopbackPorts.FreeMediaPair().ToString(CultureInfo.InvariantCulture), "-key", "agent", "alice", "-timeout", "140s");
        await using var caller = SippRunner.Start(CallerArguments(server, callerScenario, "NS10", "-rtp_echo", "-t", transport));

        // Severity 2 in the offer means every digit of the IVR arrived.
        var offer = (await WithContext(console.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        Assert.Equal(2, offer.Context.Severity);
        await console.AcceptAsync(offer.CallId);

        Assert.True(await phone.WaitAsync(SippLimit) == 0, phone.Describe() + server.Output);
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WithContext(console.NextAsync(AgentEvent.EventOneofCase.CallStopped, EventLimit), server, caller);
        var wav = await WaitForRecordingAsync(server, offer.CallId);
        Assert.True(ActiveFrames(wav, channel: 0) > 8000, "no audio from the caller in the recording\n" + server.Output);
        Assert.True(ActiveFrames(wav, channel: 1) > 8000, "no audio to the caller in the recording\n" + server.Output);
    }
}
