using CallRouter.Media.Audio;
using CallRouter.Media.Bridging;
using CallRouter.Media.Codecs;
using CallRouter.Media.Dtmf;
using CallRouter.Media.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.Bridging;

public class MediaBridgeTests
{
    private const uint CallerSsrc = 0xC0FFEE;
    private readonly FakeTimeProvider _time = new();
    private readonly MediaEngine _engine;

    public MediaBridgeTests()
    {
        _engine = Engines.Create(_time);
    }

    private (Leg Caller, Leg Agent) Legs(G711Law callerLaw = G711Law.MuLaw, G711Law agentLaw = G711Law.MuLaw, int? agentEvents = 96) =>
        (Leg.Answered(_engine, callerLaw, 101, "192.0.2.10", 10000, 0x1000),
         Leg.Answered(_engine, agentLaw, agentEvents, "192.0.2.20", 20000, 0x2000));

    private static byte[] CallerAudio(ushort seq, uint ts, byte fill = 0x42, bool marker = false) =>
        TestSupport.Rtp.Packet(0, seq, ts, CallerSsrc, Enumerable.Repeat(fill, 160).ToArray(), marker);

    [Fact]
    public void RelayAudio_SameLaw_AgentLegGetsPayloadWithItsOwnSsrcAndContiguousStream()
    {
        var (caller, agent) = Legs();
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);

        for (ushort i = 0; i < 3; i++)
        {
            caller.Receive(CallerAudio((ushort)(500 + i), 90000 + (uint)(i * 160)));
        }

        var headers = agent.RtpTransport.SentHeaders();
        Assert.Equal(3, headers.Count);
        Assert.All(headers, h => Assert.Equal(0x2000u, h.Ssrc));
        Assert.Equal([true, false, false], headers.Select(h => h.Marker));
        Assert.Equal([0u, 160u, 320u], headers.Select(h => unchecked(h.Timestamp - headers[0].Timestamp)));
        Assert.Equal([0, 1, 2], headers.Select(h => (int)(ushort)(h.SequenceNumber - headers[0].SequenceNumber)));
        Assert.All(agent.RtpTransport.SentPayloads(), p => Assert.All(p, b => Assert.Equal(0x42, b)));
        Assert.All(agent.RtpTransport.Sent, s => Assert.Equal(agent.Peer, s.Destination));
        Assert.Equal(3, bridge.PacketsRelayed);
    }

    [Fact]
    public void RelayAudio_DifferentLaws_TranscodesMuLawToALaw()
    {
        var (caller, agent) = Legs(G711Law.MuLaw, G711Law.ALaw);
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);

        caller.Receive(CallerAudio(1, 0, fill: G711.EncodeMuLaw(1234)));

        var payload = Assert.Single(agent.RtpTransport.SentPayloads());
        Assert.All(payload, b => Assert.Equal(G711.MuLawToALaw(G711.EncodeMuLaw(1234)), b));
        Assert.Equal(8, agent.RtpTransport.SentHeaders()[0].PayloadType);
    }

    [Fact]
    public void RelayAudio_UpstreamLossAndDuplicate_GapReproducedDuplicateDropped()
    {
        var (caller, agent) = Legs();
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);

        caller.Receive(CallerAudio(10, 1600));
        caller.Receive(CallerAudio(13, 2080)); // 11 and 12 lost upstream
        caller.Receive(CallerAudio(13, 2080)); // duplicate

        var headers = agent.RtpTransport.SentHeaders();
        Assert.Equal(2, headers.Count);
        Assert.Equal(3, (ushort)(headers[1].SequenceNumber - headers[0].SequenceNumber));
        Assert.Equal(480u, headers[1].Timestamp - headers[0].Timestamp);
    }

    [Fact]
    public async Task Connect_AfterPromptOnAgentLeg_TimestampsContinueFromAgentClock()
    {
        var (caller, agent) = Legs();
        var prompt = agent.Session.PlayPromptAsync(PromptIds.Beep); // 400 ms: frames at t=0..380 ms
        for (var i = 0; i < 19; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        await prompt.WaitAsync(TimeSpan.FromSeconds(10));
        var lastPromptTimestamp = agent.RtpTransport.SentHeaders()[^1].Timestamp;
        _time.Advance(TimeSpan.FromMilliseconds(20)); // t=400 ms: the caller's first packet arrives
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);

        caller.Receive(CallerAudio(1, 123456789));

        var relayed = agent.RtpTransport.SentHeaders()[^1];
        Assert.True(relayed.Marker);
        Assert.Equal(lastPromptTimestamp + 160, relayed.Timestamp); // exactly where the prompt's next frame would have been
    }

    [Fact]
    public void RelayEvent_PassMode_RewritesPayloadTypeAndDoesNotReportLocally()
    {
        var (caller, agent) = Legs(agentEvents: 96);
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);
        var reported = new List<char>();
        caller.Session.DigitReceived += reported.Add;

        caller.ReceiveEvent(101, 1, 8000, true, 5, false, 160, CallerSsrc);
        caller.ReceiveEvent(101, 2, 8000, false, 5, true, 800, CallerSsrc);

        var headers = agent.RtpTransport.SentHeaders();
        Assert.Equal(2, headers.Count);
        Assert.All(headers, h => Assert.Equal(96, h.PayloadType));
        Assert.Equal(headers[0].Timestamp, headers[1].Timestamp);
        Assert.True(TelephoneEvent.TryParse(agent.RtpTransport.SentPayloads()[1], out var end));
        Assert.True(end.End);
        Assert.Empty(reported);
    }

    [Fact]
    public void RelayEvent_InterceptMode_ReportsDigitAndSendsNothing()
    {
        var (caller, agent) = Legs();
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session, new BridgeOptions { DtmfMode = DtmfBridgeMode.Intercept });
        var reported = new List<char>();
        caller.Session.DigitReceived += reported.Add;

        caller.ReceiveEvent(101, 1, 8000, true, 11, true, 800, CallerSsrc);

        Assert.Equal(['#'], reported);
        Assert.Empty(agent.RtpTransport.Sent);
    }

    [Fact]
    public void RelayEvent_AgentLegWithoutTelephoneEvent_ReportedInsteadOfDropped()
    {
        var (caller, agent) = Legs(agentEvents: null);
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session, new BridgeOptions { DtmfMode = DtmfBridgeMode.PassAndReport });
        var reported = new List<char>();
        caller.Session.DigitReceived += reported.Add;

        caller.ReceiveEvent(101, 1, 8000, true, 1, true, 800, CallerSsrc);

        Assert.Equal(['1'], reported);
        Assert.Empty(agent.RtpTransport.Sent);
    }

    [Fact]
    public void RelayEvent_PassModeButAgentLegWithoutTelephoneEvent_ReportedOnceSoGatewayCanUseInfo()
    {
        var (caller, agent) = Legs(agentEvents: null);
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);
        var reported = new List<char>();
        caller.Session.DigitReceived += reported.Add;

        caller.ReceiveEvent(101, 1, 8000, true, 9, false, 160, CallerSsrc);
        caller.ReceiveEvent(101, 2, 8000, false, 9, true, 800, CallerSsrc);
        caller.ReceiveEvent(101, 3, 8000, false, 9, true, 800, CallerSsrc);

        Assert.Equal(['9'], reported);
        Assert.Empty(agent.RtpTransport.Sent);
    }

    [Fact]
    public void RelayEvent_PassModeDuplicateEndPacket_NeitherRelayedTwiceNorReportedLocally()
    {
        var (caller, agent) = Legs();
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);
        var reported = new List<char>();
        caller.Session.DigitReceived += reported.Add;

        caller.ReceiveEvent(101, 1, 8000, true, 4, true, 800, CallerSsrc);
        caller.ReceiveEvent(101, 1, 8000, true, 4, true, 800, CallerSsrc); // same packet again (network duplicate)

        Assert.Single(agent.RtpTransport.Sent);
        Assert.Empty(reported);
    }

    [Fact]
    public void Mute_CallerMuted_CallerAudioNotRelayedAgentAudioStillIs()
    {
        var (caller, agent) = Legs();
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);
        bridge.Mute(caller.Session, true);

        caller.Receive(CallerAudio(1, 0));
        agent.Receive(TestSupport.Rtp.Audio(1, 0, ssrc: 0xA6E7));

        Assert.Empty(agent.RtpTransport.Sent);
        Assert.Single(caller.RtpTransport.Sent);
    }

    [Fact]
    public async Task Hold_ThenMusicThenResume_RelayRestartsWithMarkerAfterMusic()
    {
        var (caller, agent) = Legs();
        using var bridge = MediaBridge.Connect(agent.Session, caller.Session);
        caller.Receive(CallerAudio(1, 0));
        agent.Receive(TestSupport.Rtp.Audio(1, 0, ssrc: 0xA6E7));
        bridge.Hold();

        // The agent puts the caller on hold: music on the caller's leg, nothing relayed.
        var music = caller.Session.PlayPromptAsync(PromptIds.Beep);
        for (ushort i = 0; i < 19; i++)
        {
            agent.Receive(TestSupport.Rtp.Audio((ushort)(2 + i), (uint)(160 * (2 + i)), ssrc: 0xA6E7));
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        await music.WaitAsync(TimeSpan.FromSeconds(10));
        var musicFrames = caller.RtpTransport.Sent.Count - 1;
        Assert.Equal(20, musicFrames);
        bridge.Resume();
        agent.Receive(TestSupport.Rtp.Audio(30, 160 * 30, ssrc: 0xA6E7));

        var headers = caller.RtpTransport.SentHeaders();
        Assert.True(headers[^1].Marker);
        Assert.True(unchecked((int)(headers[^1].Timestamp - headers[^2].Timestamp)) > 0);
    }

    [Fact]
    public async Task StopPlaybackAsync_HoldMusicThenConnect_BridgesWithoutRace()
    {
        var (caller, agent) = Legs();
        var music = caller.Session.PlayAsync(_engine.Prompts.Get(PromptIds.HoldMusic), new PlaybackOptions { Loop = true });
        _time.Advance(TimeSpan.FromMilliseconds(100));

        await caller.Session.StopPlaybackAsync().WaitAsync(TimeSpan.FromSeconds(10));
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);

        Assert.False(caller.Session.IsPlaying);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => music.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Connect_LegAlreadyBridged_Throws()
    {
        var (caller, agent) = Legs();
        var third = Leg.Answered(_engine, G711Law.MuLaw, 101, "192.0.2.30", 30000, 0x3000);
        using var bridge = MediaBridge.Connect(caller.Session, agent.Session);

        Assert.Throws<InvalidOperationException>(() => MediaBridge.Connect(caller.Session, third.Session));
    }

    [Fact]
    public void Dispose_Bridge_LegsDetachedAndNoLongerRelay()
    {
        var (caller, agent) = Legs();
        var bridge = MediaBridge.Connect(caller.Session, agent.Session);

        bridge.Dispose();
        caller.Receive(CallerAudio(1, 0));

        Assert.Null(caller.Session.Bridge);
        Assert.Empty(agent.RtpTransport.Sent);
    }
}
