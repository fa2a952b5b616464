using CallRouter.Contracts.V1;
using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// The real server process (routing core + gateway) driven by SIPp callers and softphones on loopback and a
/// gRPC agent console. Time limits are generous (a loaded 2-core machine) but every wait is bounded.
/// </summary>
public sealed class CallFlowEndToEndTests
{
    internal static readonly TimeSpan SippLimit = TimeSpan.FromSeconds(150);
    internal static readonly TimeSpan EventLimit = TimeSpan.FromSeconds(90);

    internal static string[] CallerArguments(ServerProcess server, string scenario, string model, params string[] extra) =>
    [
        $"127.0.0.1:{server.SipPort}", "-sf", SippRunner.Scenario(scenario), "-m", "1", "-i", "127.0.0.1",
        "-p", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-mp", LoopbackPorts.FreeMediaPair().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-key", "model", model, "-key", "serial", "SN-1001", "-key", "account", "ACME", "-key", "callback", "5550100",
        "-timeout", "140s", .. extra,
    ];

    [Fact]
    public async Task Caller_IvrThenAgentAnswersAndHangsUp_AudioFlowsBothWaysAndCoreEndsCall()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string>
        {
            ["CallRouter__Gateway__Recording__Share"] = "1",
            ["CallRouter__Gateway__AnnouncementInterval"] = "00:00:05",
            // SIPp answers only MD5 digest challenges.
            ["CallRouter__Gateway__Sip__Registrar__Algorithms__0"] = "MD5",
        });
        using var channel = server.CreateChannel();
        string agentPort = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Alice's softphone registers through the digest challenge, then listens on the same port for the call.
        await using (var register = SippRunner.Start($"127.0.0.1:{server.SipPort}", "-sf", SippRunner.Scenario("agent_register.xml"), "-m", "1",
                         "-i", "127.0.0.1", "-p", agentPort, "-key", "agent", "alice", "-au", "alice", "-ap", "demo-alice", "-timeout", "60s"))
        {
            Assert.True(await register.WaitAsync(SippLimit) == 0, register.Describe());
        }

        await using var console = await AgentConsole.OpenAsync(channel, "alice", "demo-alice");
        await using var phone = SippRunner.Start("-sf", SippRunner.Scenario("agent_softphone.xml"), "-m", "1", "-i", "127.0.0.1", "-p", agentPort,
            "-mp", LoopbackPorts.FreeMediaPair().ToString(System.Globalization.CultureInfo.InvariantCulture), "-key", "agent", "alice", "-timeout", "140s");
        await using var caller = SippRunner.Start(CallerArguments(server, "caller_ivr_agent.xml", "ns 10", "-rtp_echo"));

        // The IVR (new problem, severity 2 confirmed) queues the call; alice is offered it and accepts.
        var offer = (await WithContext(console.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        Assert.Equal("NS10", offer.Context.MachineModel.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        Assert.Equal(2, offer.Context.Severity);
        Assert.Equal("ACME", offer.Context.CustomerAccount);
        await console.AcceptAsync(offer.CallId);

        // The gateway rings the registered softphone, bridges, and the agent hangs up after talking.
        Assert.True(await phone.WaitAsync(SippLimit) == 0, phone.Describe() + server.Output);
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        var stopped = await WithContext(console.NextAsync(AgentEvent.EventOneofCase.CallStopped, EventLimit), server, caller);
        Assert.Equal(offer.CallId, stopped.CallStopped.CallId);

        // Both directions reached the recording: left = from the caller (its echo), right = to the caller (the agent).
        var wav = await WaitForRecordingAsync(server, offer.CallId);
        Assert.True(ActiveFrames(wav, channel: 0) > 8000, "no audio from the caller in the recording\n" + server.Output);
        Assert.True(ActiveFrames(wav, channel: 1) > 8000, "no audio to the caller in the recording\n" + server.Output);

        // The call's media figures are logged at its end: the caller's echo arrived, and prompts and alice went out.
        await WaitForOutputAsync(server, "media from the caller: ");
        var media = System.Text.RegularExpressions.Regex.Match(server.Output, @"media from the caller: (\d+) packets received, (\d+) lost, jitter [\d.]+ ms; (\d+) sent to the caller");
        Assert.True(media.Success, server.Output);
        Assert.True(long.Parse(media.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 250, media.Value);
        Assert.True(long.Parse(media.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) > 250, media.Value);
    }

    [Fact]
    public async Task Caller_FromAddressNotAllowed_Gets403AndNothingIsQueued()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string>
        {
            ["CallRouter__Gateway__AllowedPeers__0"] = "127.0.0.9",
        });

        await using var caller = SippRunner.Start(CallerArguments(server, "caller_refused.xml", "NS10"));

        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        // The console logger writes asynchronously: the line may follow the 403 by a moment.
        await WaitForOutputAsync(server, "not a configured switch peer");
    }

    [Fact]
    public async Task Caller_HangsUpOnHold_CoreCountsCallAbandonedAndNotWaiting()
    {
        await using var server = await GatewayServer.StartAsync();
        using var channel = server.CreateChannel();
        var supervisor = await SupervisorAsync(channel);

        await using var caller = SippRunner.Start(CallerArguments(server, "caller_abandon.xml", "NS10"));

        // Queued after the IVR (nobody is logged in to take it), then the caller hangs up on hold.
        await WaitForAsync(supervisor, s => s.CallsWaiting == 1, "the call to be queued", server, caller);
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WaitForAsync(supervisor, s => s.CallsAbandonedToday == 1 && s.CallsWaiting == 0, "the call to be abandoned", server, caller);
    }

    [Fact]
    public async Task Caller_ModelNotEligible_ReferredToSwitchAndCountedReturned()
    {
        await using var server = await GatewayServer.StartAsync();
        using var channel = server.CreateChannel();
        var admin = new AdminService.AdminServiceClient(channel);
        await admin.SetEligibleModelsAsync(
            new EligibleModels { Models = { MachineModel.Ns5, MachineModel.NsRemote, MachineModel.Ns10 } },
            await BearerAsync(channel, "admin", "demo-admin"), deadline: DateTime.UtcNow.AddSeconds(30));
        var supervisor = await SupervisorAsync(channel);

        await using var caller = SippRunner.Start(CallerArguments(server, "caller_returned.xml", "NS-100"));

        // The scenario fails unless a REFER to the configured return address arrives.
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WaitForAsync(supervisor, s => s.CallsReturnedToday == 1 && s.CallsWaiting == 0, "the call to be counted returned", server, caller);
    }

    [Fact]
    public async Task Caller_ModelNotEligibleInRedirectMode_IvrOnEarlyMediaThen302()
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string> { ["CallRouter__Gateway__ReturnMode"] = "Redirect" });
        using var channel = server.CreateChannel();
        await new AdminService.AdminServiceClient(channel).SetEligibleModelsAsync(
            new EligibleModels { Models = { MachineModel.Ns5, MachineModel.NsRemote, MachineModel.Ns10 } },
            await BearerAsync(channel, "admin", "demo-admin"), deadline: DateTime.UtcNow.AddSeconds(30));
        var supervisor = await SupervisorAsync(channel);

        await using var caller = SippRunner.Start(CallerArguments(server, "caller_redirected.xml", "NS100"));

        // The scenario fails unless 183, then a 302 naming the return address, arrive (never a 200).
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WaitForAsync(supervisor, s => s.CallsReturnedToday == 1 && s.CallsWaiting == 0, "the call to be counted returned", server, caller);
    }

    [Fact]
    public async Task Agent_TransfersToLevel2_CallerWaitsAgainAndL2AgentGetsTheSameCase()
    {
        await using var server = await GatewayServer.StartAsync();
        using var channel = server.CreateChannel();
        string alicePort = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string carolPort = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var alice = await AgentConsole.OpenAsync(channel, "alice", "demo-alice", $"sip:alice@127.0.0.1:{alicePort}");
        await using var alicePhone = SippRunner.Start("-sf", SippRunner.Scenario("agent_transferring.xml"), "-m", "1", "-i", "127.0.0.1", "-p", alicePort,
            "-mp", LoopbackPorts.FreeMediaPair().ToString(System.Globalization.CultureInfo.InvariantCulture), "-key", "agent", "alice", "-timeout", "140s");
        await using var caller = SippRunner.Start(CallerArguments(server, "caller_ivr_agent.xml", "NS10", "-rtp_echo"));

        var first = (await WithContext(alice.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        await alice.AcceptAsync(first.CallId);
        await WithContext(alice.NextAsync(AgentEvent.EventOneofCase.CallStarted, EventLimit), server, caller);
        await alice.TransferToLevel2Async(first.CallId);

        // The gateway hangs up alice's phone; the caller is back on hold until carol (L2) takes the call.
        Assert.True(await alicePhone.WaitAsync(SippLimit) == 0, alicePhone.Describe() + server.Output);
        await using var carol = await AgentConsole.OpenAsync(channel, "carol", "demo-carol", $"sip:carol@127.0.0.1:{carolPort}");
        await using var carolPhone = SippRunner.Start("-sf", SippRunner.Scenario("agent_softphone.xml"), "-m", "1", "-i", "127.0.0.1", "-p", carolPort,
            "-mp", LoopbackPorts.FreeMediaPair().ToString(System.Globalization.CultureInfo.InvariantCulture), "-key", "agent", "carol", "-timeout", "140s");
        var second = (await WithContext(carol.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.Case.ProblemNumber, second.Case.ProblemNumber);
        await carol.AcceptAsync(second.CallId);

        Assert.True(await carolPhone.WaitAsync(SippLimit) == 0, carolPhone.Describe() + server.Output);
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
    }

    [Theory]
    [InlineData("agent_busy.xml")]
    [InlineData("agent_no_answer.xml")]
    public async Task AgentPhone_BusyOrNotAnswering_CallRequeuedAndAgentMadeNotReady(string softphone)
    {
        await using var server = await GatewayServer.StartAsync(new Dictionary<string, string> { ["CallRouter__Gateway__AgentAnswerTimeout"] = "00:00:03" });
        using var channel = server.CreateChannel();
        var supervisor = await SupervisorAsync(channel);
        string phonePort = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var console = await AgentConsole.OpenAsync(channel, "alice", "demo-alice", $"sip:alice@127.0.0.1:{phonePort}");
        await using var phone = SippRunner.Start("-sf", SippRunner.Scenario(softphone), "-m", "1", "-i", "127.0.0.1", "-p", phonePort, "-timeout", "140s");
        await using var caller = SippRunner.Start(CallerArguments(server, "caller_ivr_agent.xml", "NS10"));

        var offer = (await WithContext(console.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        await console.AcceptAsync(offer.CallId);

        // The console's contact answers 486, or rings until the gateway CANCELs; the core takes the call back.
        Assert.True(await phone.WaitAsync(SippLimit) == 0, phone.Describe() + server.Output);
        AgentEvent state;
        do
        {
            state = await WithContext(console.NextAsync(AgentEvent.EventOneofCase.StateChanged, EventLimit), server, caller);
        }
        while (state.StateChanged.State != AgentState.NotReady);
        await WaitForAsync(supervisor, s => s.CallsWaiting == 1, "the call to be waiting again", server, caller);
    }

    [Fact]
    public async Task Caller_PressesVoicemailDigitOnHold_MessageSavedAndCallCountedAbandoned()
    {
        await using var server = await GatewayServer.StartAsync();
        using var channel = server.CreateChannel();
        var supervisor = await SupervisorAsync(channel);

        await using var caller = SippRunner.Start(CallerArguments(server, "caller_voicemail.xml", "NS10"));

        // "9" on hold, a message, "#": the gateway saves it, says goodbye and sends BYE.
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WaitForAsync(supervisor, s => s.CallsAbandonedToday == 1 && s.CallsWaiting == 0, "the voicemail to count as abandoned", server, caller);
        string message = Assert.Single(Directory.GetFiles(Path.Combine(server.DataDirectory, "voicemail"), "*.wav"));
        Assert.True(ActiveFrames(WavFile.Read(message), channel: 0) > 4000, "no speech in the voice message\n" + server.Output);
    }

    internal static async Task<Grpc.Core.Metadata> BearerAsync(Grpc.Net.Client.GrpcChannel channel, string user, string password)
    {
        var login = await new AuthService.AuthServiceClient(channel).LoginAsync(new LoginRequest { UserName = user, Password = password },
            deadline: DateTime.UtcNow.AddSeconds(30));
        return new Grpc.Core.Metadata { { "authorization", "Bearer " + login.AccessToken } };
    }

    internal static async Task<Func<Task<StatisticsSnapshot>>> SupervisorAsync(Grpc.Net.Client.GrpcChannel channel)
    {
        var headers = await BearerAsync(channel, "supervisor", "demo-supervisor");
        var client = new SupervisorService.SupervisorServiceClient(channel);
        return async () => await client.GetSnapshotAsync(new GetSnapshotRequest(), headers, deadline: DateTime.UtcNow.AddSeconds(30));
    }

    /// <summary>Polls the supervisor's snapshot until <paramref name="condition"/> holds, within the event limit.</summary>
    internal static async Task WaitForAsync(Func<Task<StatisticsSnapshot>> snapshot, Func<StatisticsSnapshot, bool> condition, string what,
        ServerProcess server, SippRunner sipp)
    {
        using var limit = new CancellationTokenSource(EventLimit);
        StatisticsSnapshot last = new();
        try
        {
            while (!condition(last = await snapshot())) await Task.Delay(250, limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"waited {EventLimit.TotalSeconds} s for {what}; last snapshot {last}\n{sipp.Describe()}\nserver:\n{server.Output}");
        }
    }

    /// <summary>Waits (bounded) until the server has logged <paramref name="text"/>.</summary>
    internal static async Task WaitForOutputAsync(ServerProcess server, string text)
    {
        using var limit = new CancellationTokenSource(EventLimit);
        try
        {
            while (!server.Output.Contains(text, StringComparison.Ordinal)) await Task.Delay(50, limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the server never logged '{text}' within {EventLimit.TotalSeconds} s\n{server.Output}");
        }
    }

    /// <summary>A time-out carries what the server and SIPp said, so a CI failure can be understood.</summary>
    internal static async Task<T> WithContext<T>(Task<T> waiting, ServerProcess server, SippRunner sipp)
    {
        try
        {
            return await waiting;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{sipp.Describe()}\nserver:\n{server.Output}", e);
        }
    }

    internal static async Task<WavAudio> WaitForRecordingAsync(ServerProcess server, string callId)
    {
        // The WAV is completed when the bridge ends, a moment after the BYEs.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var file = Directory.Exists(server.RecordingFolder)
                ? Directory.EnumerateFiles(server.RecordingFolder, "*.json").FirstOrDefault()
                : null;
            if (file is not null)
            {
                return WavFile.Read(Path.ChangeExtension(file, ".wav"));
            }

            await Task.Delay(200, limit.Token);
        }
    }

    /// <summary>Frames of one channel louder than quiet line noise.</summary>
    internal static int ActiveFrames(WavAudio wav, int channel)
    {
        int active = 0;
        for (int frame = 0; frame < wav.SampleFrames; frame++)
        {
            byte code = wav.Data[frame * wav.Channels + channel];
            short sample = wav.Format == WavFormat.ALaw ? G711.DecodeALaw(code) : G711.DecodeMuLaw(code);
            if (Math.Abs((int)sample) > 500) active++;
        }

        return active;
    }
}
