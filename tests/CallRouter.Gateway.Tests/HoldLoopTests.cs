using System.Threading.Channels;
using CallRouter.Contracts.V1;
using CallRouter.Media.Audio;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Gateway.Tests;

public sealed class HoldLoopTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeCallerChannel _caller = new();
    private readonly Channel<CallInput> _inputs = Channel.CreateUnbounded<CallInput>();

    private static CallQueued Queued(int position, int minutes) =>
        new() { Position = position, ExpectedWait = Duration.FromTimeSpan(TimeSpan.FromMinutes(minutes)) };

    private static RoutingEvent Event(Action<RoutingEvent> set)
    {
        var e = new RoutingEvent { CallId = "c1" };
        set(e);
        return e;
    }

    private Task<HoldResult> Start(CallQueued? initial = null, string voicemailDigit = "9") =>
        new HoldLoop(_caller, _time, Interval, voicemailDigit).WaitAsync(_inputs.Reader, _time.GetTimestamp(), initial, CancellationToken.None);

    [Fact]
    public async Task WaitAsync_IntervalPasses_AnnouncesLatestQueuedPositionThenVoicemailOffer()
    {
        // The core's newer position is already waiting when hold starts, so the loop takes it before returning.
        _inputs.Writer.TryWrite(CallInput.From(Event(e => e.Queued = Queued(2, 2))));
        var waiting = Start(Queued(3, 4));

        // t = 30 s: the music stops for one announcement.
        _time.Advance(Interval);
        var announcement = await _caller.NextHeardAsync();
        var offer = await _caller.NextHeardAsync();

        Assert.Equal(Prompt.QueueAnnouncement(2, TimeSpan.FromMinutes(2)), announcement);
        Assert.Equal(PromptIds.VoicemailOffer, offer.Id);
        _inputs.Writer.TryWrite(CallInput.CallerGone);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WaitAsync_CallerHangsUp_ReturnsAbandonedWithWaitOnTheClock()
    {
        var waiting = Start(Queued(1, 1));

        // t = 95 s: three announcements have played; the caller gives up.
        for (int i = 0; i < 3; i++)
        {
            _time.Advance(Interval);
            await _caller.NextHeardAsync();
            await _caller.NextHeardAsync();
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        _inputs.Writer.TryWrite(CallInput.CallerGone);
        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HoldOutcome.CallerHungUp, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(95), result.Waited);
    }

    [Fact]
    public async Task WaitAsync_VoicemailDigit_ReturnsVoicemail()
    {
        var waiting = Start();
        _inputs.Writer.TryWrite(CallInput.Pressed('5'));
        _inputs.Writer.TryWrite(CallInput.Pressed('9'));

        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HoldOutcome.Voicemail, result.Outcome);
    }

    [Fact]
    public async Task WaitAsync_VoicemailDisabled_DigitIsIgnoredAndNoOfferPlayed()
    {
        var waiting = Start(Queued(1, 1), voicemailDigit: "");
        _inputs.Writer.TryWrite(CallInput.Pressed('9'));
        _time.Advance(Interval);
        var heard = await _caller.NextHeardAsync();
        _inputs.Writer.TryWrite(CallInput.CallerGone);

        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HoldOutcome.CallerHungUp, result.Outcome);
        Assert.Equal(Prompt.QueueAnnouncementId, heard.Id);
        Assert.DoesNotContain(_caller.Heard, p => p.Id == PromptIds.VoicemailOffer);
    }

    [Fact]
    public async Task WaitAsync_OfferedThenConnect_ReturnsAgentAndContact()
    {
        var waiting = Start();
        _inputs.Writer.TryWrite(CallInput.From(Event(e => e.Offered = new CallOffered { AgentId = "alice" })));
        _inputs.Writer.TryWrite(CallInput.From(Event(e => e.Connect = new CallConnect { AgentId = "alice", AgentSipContact = "sip:alice@127.0.0.1:5070" })));

        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new HoldResult(HoldOutcome.Connect, TimeSpan.Zero, "alice", "sip:alice@127.0.0.1:5070"), result);
    }

    [Fact]
    public async Task WaitAsync_CoreFinishesCall_ReturnsLostWithReason()
    {
        var waiting = Start();
        _inputs.Writer.TryWrite(CallInput.From(Event(e => e.Finished = new CallFinished { Reason = "returned" })));

        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HoldOutcome.Lost, result.Outcome);
        Assert.Equal("returned", result.Reason);
    }

    [Fact]
    public async Task WaitAsync_TransferToManufacturer_ReturnsTransfer()
    {
        var waiting = Start();
        _inputs.Writer.TryWrite(CallInput.From(Event(e => e.TransferToManufacturer = new TransferToManufacturer { AgentId = "carol" })));

        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HoldOutcome.TransferToManufacturer, result.Outcome);
    }

    [Fact]
    public async Task WaitAsync_HoldEnds_StopsTheMusic()
    {
        var waiting = Start();
        _inputs.Writer.TryWrite(CallInput.RoutingLost);

        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HoldOutcome.Lost, result.Outcome);
        Assert.Equal(1, _caller.MusicStarts);
    }
}
