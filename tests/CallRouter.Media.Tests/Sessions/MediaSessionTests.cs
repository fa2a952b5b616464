using System.Net;
using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;
using CallRouter.Media.Dtmf;
using CallRouter.Media.Recording;
using CallRouter.Media.Sdp;
using CallRouter.Media.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.Sessions;

public class MediaSessionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly MediaEngine _engine;

    public MediaSessionTests()
    {
        _engine = Engines.Create(_time);
    }

    /// <summary>
    /// Steps virtual time in 20 ms frames for <paramref name="duration"/>, then waits (bounded) for
    /// the task, whose continuation may finish on the thread pool after the last step.
    /// </summary>
    private async Task RunFor(Task task, TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(20))
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Yield();
        }

        await task.WaitAsync(Bound);
    }

    [Fact]
    public void AcceptOffer_UsableOffer_AnswerNamesOurPortAndMediaIsSet()
    {
        var leg = Leg.Answered(_engine, G711Law.ALaw);

        Assert.Equal(AudioCodec.Pcma, leg.Session.Media!.Codec);
        Assert.Equal(leg.Session.LocalPort, leg.Session.LocalDescription!.Media[0].Port);
        Assert.Equal(101, leg.Session.Media.TelephoneEventPayloadType);
    }

    [Fact]
    public void AcceptOffer_NoCommonCodec_488AndNoMedia()
    {
        var session = _engine.CreateSession(new FakeRtpTransport(), null);
        Assert.True(SdpParser.TryParse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 18\r\n", out var offer, out _));

        var result = session.AcceptOffer(offer);

        Assert.Equal(488, result.StatusCode);
        Assert.Null(session.Media);
    }

    [Fact]
    public async Task PlayPromptAsync_PcmaLeg_SendsPromptTranscodedToALawWithMarkerFirst()
    {
        var leg = Leg.Answered(_engine, G711Law.ALaw);

        await RunFor(leg.Session.PlayPromptAsync(PromptIds.Beep), TimeSpan.FromMilliseconds(400));

        var beep = _engine.Prompts.Get(PromptIds.Beep).ConvertTo(G711Law.ALaw).Samples.ToArray();
        var sent = leg.RtpTransport.SentPayloads().SelectMany(p => p).Take(beep.Length).ToArray();
        Assert.Equal(beep, sent);
        var headers = leg.RtpTransport.SentHeaders();
        Assert.All(headers, h => Assert.Equal(8, h.PayloadType));
        Assert.True(headers[0].Marker);
        Assert.All(leg.RtpTransport.Sent, s => Assert.Equal(leg.Peer, s.Destination));
    }

    [Fact]
    public async Task CollectDigitsAsync_Rfc4733EventsWithDuplicateEnds_CollectsEachPressOnce()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw);
        var task = leg.Session.CollectDigitsAsync(new DigitCollectionOptions { MaxDigits = 4 });

        ushort seq = 1;
        foreach (var (code, ts) in new[] { (4, 1000u), (2, 3000u), (11, 5000u) })
        {
            leg.ReceiveEvent(101, seq++, ts, true, (byte)code, false, 160);
            leg.ReceiveEvent(101, seq++, ts, false, (byte)code, true, 800);
            leg.ReceiveEvent(101, seq++, ts, false, (byte)code, true, 800);
            leg.ReceiveEvent(101, seq++, ts, false, (byte)code, true, 800);
        }

        var result = await task.WaitAsync(Bound);
        Assert.Equal(new DigitCollectionResult("42", DigitCollectionOutcome.Terminated, '#'), result);
    }

    [Fact]
    public async Task HandleSipInfo_DtmfRelayBody_FeedsCollector()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw, eventType: null);
        var task = leg.Session.CollectDigitsAsync(new DigitCollectionOptions { MaxDigits = 1 });

        Assert.True(leg.Session.HandleSipInfo("application/dtmf-relay", "Signal=3\r\nDuration=160\r\n"));
        Assert.False(leg.Session.HandleSipInfo("application/sdp", "v=0"));

        Assert.Equal("3", (await task.WaitAsync(Bound)).Digits);
    }

    [Fact]
    public async Task PromptAndCollectAsync_DigitDuringPrompt_StopsPromptAndUsesDigit()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw);
        var task = leg.Session.PromptAndCollectAsync(_engine.Prompts.Get(PromptIds.SeverityMenu), new DigitCollectionOptions { MaxDigits = 1 });
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20)); // t=200 ms into a prompt many seconds long
        }

        leg.ReceiveEvent(101, 1, 1000, true, 2, true, 800);
        var result = await task.WaitAsync(Bound);

        Assert.Equal("2", result.Digits);
        var framesSent = leg.RtpTransport.Sent.Count;
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(framesSent, leg.RtpTransport.Sent.Count);
        Assert.InRange(framesSent, 10, 12);
    }

    [Fact]
    public async Task SendDigitAsync_NegotiatedEvents_SendsRfc4733SequenceOnPeerPayloadType()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw, eventType: 96);

        await RunFor(leg.Session.SendDigitAsync('7'), TimeSpan.FromMilliseconds(200));

        var headers = leg.RtpTransport.SentHeaders();
        Assert.Equal(7, headers.Count);
        Assert.All(headers, h => Assert.Equal(96, h.PayloadType));
        Assert.Single(headers.Select(h => h.Timestamp).Distinct());
        Assert.True(headers[0].Marker);
        var last = leg.RtpTransport.SentPayloads()[^1];
        Assert.True(TelephoneEvent.TryParse(last, out var end));
        Assert.Equal(new TelephoneEvent(7, true, 10, 800), end);
    }

    [Fact]
    public async Task SendDigitAsync_PeerWithoutTelephoneEvent_ThrowsSoGatewayUsesInfo()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw, eventType: null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => leg.Session.SendDigitAsync('1'));
    }

    [Fact]
    public async Task Hold_PeerAnswersRecvOnly_WeKeepSendingButIgnoreIncomingAudio()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw);
        var reoffer = leg.Session.Hold();
        Assert.True(reoffer.Media[0].HasAttribute("sendonly"));
        Assert.True(SdpParser.TryParse(reoffer.ToString(), out var peerView, out _));
        var answer = SdpNegotiator.Answer(peerView, new MediaCapabilities(IPAddress.Parse("192.0.2.10")), 10000).Answer!;

        var result = leg.Session.AcceptAnswer(answer);

        Assert.Equal(MediaDirection.SendOnly, result.Media!.Direction);
        var path = new MemoryStream();
        var recorder = new CallRecorder(path, new RecordingMetadata { CallId = "c" }, _time);
        leg.Session.StartRecording(recorder);
        leg.Receive(TestSupport.Rtp.Audio(1, 160));
        await RunFor(leg.Session.PlayPromptAsync(PromptIds.Beep), TimeSpan.FromMilliseconds(400));
        var metadata = leg.Session.StopRecording()!;
        Assert.Equal(leg.RtpTransport.Sent.Count, metadata.PacketsWritten); // only our outbound frames were recorded
    }

    [Fact]
    public async Task StartRecording_PromptAndCallerAudio_BothDirectionsInOneStereoFile()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw);
        var wav = new MemoryStream();
        leg.Session.StartRecording(new CallRecorder(wav, new RecordingMetadata { CallId = "c" }, _time, new RecordingOptions { Format = WavFormat.Pcm16 }));
        var play = leg.Session.PlayAsync(new AudioClip(G711Law.MuLaw, Enumerable.Repeat(G711.EncodeMuLaw(3000), 1600).ToArray()));
        for (ushort i = 0; i < 10; i++)
        {
            leg.Receive(TestSupport.Rtp.Audio(i, (uint)(i * 160), fill: G711.EncodeMuLaw(-500)));
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        await play.WaitAsync(Bound);
        leg.Session.StopRecording();

        var audio = WavFile.Parse(wav.ToArray());
        Assert.Equal(2, audio.Channels);
        var left = BitConverter.ToInt16(audio.Data, 4 * 800);
        var right = BitConverter.ToInt16(audio.Data, (4 * 800) + 2);
        Assert.Equal(G711.DecodeMuLaw(G711.EncodeMuLaw(-500)), left);
        Assert.Equal(G711.DecodeMuLaw(G711.EncodeMuLaw(3000)), right);
    }

    [Fact]
    public async Task StartRecording_VoicemailWithoutOutbound_BeepNotRecordedCallerIs()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw);
        var wav = new MemoryStream();
        leg.Session.StartRecording(new CallRecorder(wav, new RecordingMetadata { CallId = "vm" }, _time, new RecordingOptions { Layout = RecordingLayout.Mixed }), RecordingChannel.Left, outbound: null);
        var beep = leg.Session.PlayPromptAsync(PromptIds.Beep);
        for (ushort i = 0; i < 20; i++)
        {
            leg.Receive(TestSupport.Rtp.Audio(i, (uint)(i * 160)));
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        await beep.WaitAsync(Bound);
        var metadata = leg.Session.StopRecording()!;

        Assert.Equal(20, metadata.PacketsWritten);
        Assert.Equal(20, leg.RtpTransport.Sent.Count);
        Assert.All(WavFile.Parse(wav.ToArray()).Data, b => Assert.Equal(G711.MuLawSilence, b)); // caller sent silence; no beep mixed in
    }

    [Fact]
    public async Task PlayAsync_SecondPlaybackWhileFirstRuns_Throws()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw);
        using var cts = new CancellationTokenSource();
        var music = leg.Session.PlayAsync(_engine.Prompts.Get(PromptIds.HoldMusic), new PlaybackOptions { Loop = true }, cts.Token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => leg.Session.PlayPromptAsync(PromptIds.Greeting));

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => music.WaitAsync(Bound));
        Assert.False(leg.Session.IsPlaying);
    }

    [Fact]
    public async Task DisposeAsync_WhileHoldMusicPlays_PlaybackCancelledAndNothingSentAfterwards()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw);
        var music = leg.Session.PlayAsync(_engine.Prompts.Get(PromptIds.HoldMusic), new PlaybackOptions { Loop = true });
        _time.Advance(TimeSpan.FromMilliseconds(100));

        await leg.Session.DisposeAsync();
        var sent = leg.RtpTransport.Sent.Count;
        _time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => music.WaitAsync(Bound));
        Assert.Equal(sent, leg.RtpTransport.Sent.Count);
    }

    [Fact]
    public async Task DisposeAsync_AnsweredSession_SendsRtcpByeAndClosesTransport()
    {
        var leg = Leg.Answered(_engine, G711Law.MuLaw);

        await leg.Session.DisposeAsync();

        Assert.True(leg.RtpTransport.Disposed);
        Assert.Single(leg.RtcpTransport.Sent);
    }
}
