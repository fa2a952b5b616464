using System.Globalization;
using CallRouter.Contracts.V1;
using CallRouter.Media.InteropTests;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// Real softphones on both legs: a baresip caller answers the IVR with RFC 4733 key presses and talks to an agent
/// whose baresip softphone registered with the gateway (digest) and answers automatically. Each phone sends its own
/// tone, so what each one heard shows which way audio went through the gateway's bridge.
/// </summary>
public sealed class BaresipEndToEndTests
{
    internal const double CallerTone = 400;
    internal const double AgentTone = 1000;
    internal static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task BaresipCaller_CompletesIvrAndTalksToRegisteredBaresipAgent_EachHearsTheOtherAndCaseShowsTheCall()
    {
        await TalkAsync(duringTalk: _ => Task.Delay(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task BaresipAgent_HoldsAndResumesFromSoftphone_GatewayAnswersOnTheSameDialogAndPlaysMusicMeanwhile()
    {
        var callerHeard = await TalkAsync(duringTalk: async talk =>
        {
            var (agent, server) = (talk.Agent, talk.Server);
            await Task.Delay(TimeSpan.FromSeconds(2));
            await CommandOkAsync(agent, "hold");
            await CallFlowEndToEndTests.WaitForOutputAsync(server, "agent put the caller on hold");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await CommandOkAsync(agent, "resume");
            await CallFlowEndToEndTests.WaitForOutputAsync(server, "agent took the caller off hold");
            await Task.Delay(TimeSpan.FromSeconds(3));
        });

        // Talk went on after the resume: the caller heard alice's tone again in the last seconds of the call.
        var lastSeconds = callerHeard[Math.Max(0, callerHeard.Length - (BaresipPhone.SampleRate * 5 / 2))..];
        Assert.True(HasToneWindow(lastSeconds, AgentTone), "after the resume the caller no longer heard alice");
    }

    /// <summary>
    /// The whole call: alice's baresip registers, a baresip caller goes through the IVR, alice accepts, her phone
    /// answers, <paramref name="duringTalk"/> runs, she hangs up; then what each heard and the case are checked.
    /// </summary>
    /// <returns>What the caller heard, start to end.</returns>
    internal static async Task<short[]> TalkAsync(Func<TalkingCall, Task> duringTalk)
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string>
        {
            // baresip's digest client knows MD5 only.
            ["CallRouter__Gateway__Sip__Registrar__Algorithms__0"] = "MD5",
        });
        using var channel = server.CreateChannel();
        string gateway = "127.0.0.1:" + server.SipPort.ToString(CultureInfo.InvariantCulture);

        // Alice's softphone registers (address of record sip:alice@127.0.0.1) and answers whatever rings.
        await using var agentPhone = BaresipPhone.Start($"<sip:alice@{gateway}>;auth_pass=demo-alice;regint=300;answermode=auto;audio_codecs=PCMU", AgentTone);
        await using var agent = await agentPhone.ConnectAsync(Step);
        await WaitUntilRegisteredAsync(agent, agentPhone);
        await using var console = await AgentConsole.OpenAsync(channel, "alice", "demo-alice");

        // The caller dials the gateway without context headers, so the IVR asks for the model too.
        await using var callerPhone = BaresipPhone.Start("<sip:5550100@127.0.0.1>;regint=0;audio_codecs=PCMU", CallerTone);
        await using var caller = await callerPhone.ConnectAsync(Step);
        var dialled = await caller.CommandAsync("dial", $"sip:support@{gateway}", Step);
        Assert.True((bool?)dialled["ok"] ?? false, $"dial refused: {dialled.ToJsonString()}");
        await caller.WaitForEventAsync("CALL_ESTABLISHED", Step);

        // 3 = NS10, # = new problem, 2 = severity 2, 1 = confirm (type-ahead: each digit may land during a prompt).
        foreach (char key in "3#21")
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var sent = await caller.CommandAsync("sndcode", key.ToString(), Step);
            Assert.True((bool?)sent["ok"] ?? false, $"sndcode {key} refused: {sent.ToJsonString()}");
        }

        var offer = (await WithServer(console.NextAsync(AgentEvent.EventOneofCase.Offer, Step), server, callerPhone)).Offer;
        Assert.Equal("NS10", offer.Context.MachineModel.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Assert.Equal(2, offer.Context.Severity);
        await console.AcceptAsync(offer.CallId);

        // The gateway rings alice's registered contact; her phone answers; they talk for a few seconds; she hangs up.
        await agent.WaitForEventAsync("CALL_ESTABLISHED", Step);
        await WithServer(console.NextAsync(AgentEvent.EventOneofCase.CallStarted, Step), server, agentPhone);
        await duringTalk(new TalkingCall(agent, agentPhone, server, channel, console, offer.CallId));
        await agent.CommandAsync("hangup", null, Step);
        await caller.WaitForEventAsync("CALL_CLOSED", Step);
        var stopped = await WithServer(console.NextAsync(AgentEvent.EventOneofCase.CallStopped, Step), server, callerPhone);
        Assert.Equal(offer.CallId, stopped.CallStopped.CallId);

        // Audio both ways: alice heard the caller's tone, the caller heard alice's tone (besides prompts and music).
        var agentHeard = await agentPhone.HeardAsync(Step);
        var callerHeard = await callerPhone.HeardAsync(Step);
        Assert.True(HasToneWindow(agentHeard, CallerTone), $"alice never heard the caller's {CallerTone} Hz tone\n{server.Output}");
        Assert.True(HasToneWindow(callerHeard, AgentTone), $"the caller never heard alice's {AgentTone} Hz tone\n{server.Output}");

        // The case shows the call: alice answered it, it waited and was talked for the seconds above.
        var cases = new CaseService.CaseServiceClient(await channel.LoginAsync("alice", "demo-alice"));
        var detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = offer.Case.ProblemNumber }, deadline: DateTime.UtcNow.AddSeconds(30));
        var call = Assert.Single(detail.Calls, c => c.CallId == offer.CallId);
        Assert.Equal("alice", call.AgentId);
        Assert.InRange(call.Talk.ToTimeSpan(), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60));
        Assert.True(call.Wait.ToTimeSpan() > TimeSpan.Zero, $"no wait recorded: {call}");
        return callerHeard;
    }

    internal static async Task CommandOkAsync(BaresipControl control, string command)
    {
        var response = await control.CommandAsync(command, null, Step);
        Assert.True((bool?)response["ok"] ?? false, $"baresip refused '{command}': {response.ToJsonString()}\n{control.Transcript}");
    }


    /// <summary>
    /// baresip registers as soon as it starts, possibly before ctrl_tcp has a client to tell, so its registration
    /// status is asked for ("reginfo") until it reads OK.
    /// </summary>
    private static async Task WaitUntilRegisteredAsync(BaresipControl control, BaresipPhone phone)
    {
        var until = DateTime.UtcNow + Step;
        string last = "";
        while (DateTime.UtcNow < until)
        {
            last = (string?)(await control.CommandAsync("reginfo", null, Step))["data"] ?? "";
            if (last.Contains("OK", StringComparison.Ordinal)) return;
            await Task.Delay(250);
        }

        throw new TimeoutException($"alice's baresip did not register within {Step.TotalSeconds} s; reginfo: {last}\n{phone.Output}");
    }

    /// <summary>Some half second of <paramref name="heard"/> is loud and dominated by <paramref name="frequency"/>.</summary>
    internal static bool HasToneWindow(short[] heard, double frequency)
    {
        const int window = BaresipPhone.SampleRate / 2;
        for (int start = 0; start + window <= heard.Length; start += window / 2)
        {
            var block = heard.AsSpan(start, window);
            if (ToneAnalysis.Rms(block) > 1000 && Math.Abs(ToneAnalysis.DominantFrequency(block, BaresipPhone.SampleRate) - frequency) <= 50)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Some tenth of a second of <paramref name="heard"/> is loud and mostly a pure sine at <paramref name="frequency"/>
    /// — the test phones' tones, and not music that only has a harmonic nearby (the hold music's C5 has one at 1,046 Hz,
    /// which <see cref="HasToneWindow"/>'s 50 Hz grid cannot tell from 1 kHz).
    /// </summary>
    internal static bool HasPureToneWindow(short[] heard, double frequency)
    {
        const int window = BaresipPhone.SampleRate / 10;
        for (int start = 0; start + window <= heard.Length; start += window / 2)
        {
            var block = heard.AsSpan(start, window);
            if (ToneAnalysis.Rms(block) > 1000 && ToneAnalysis.ToneShare(block, frequency, BaresipPhone.SampleRate) > 0.5)
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<T> WithServer<T>(Task<T> waiting, ServerProcess server, BaresipPhone phone)
    {
        try
        {
            return await waiting;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nbaresip:\n{phone.Output}\nserver:\n{server.Output}", e);
        }
    }
}

/// <summary>The call while alice talks to the caller: her phone, the server, her console and the call's id.</summary>
internal sealed record TalkingCall(BaresipControl Agent, BaresipPhone AgentPhone, ServerProcess Server, Grpc.Net.Client.GrpcChannel Channel, AgentConsole Console, string CallId);
