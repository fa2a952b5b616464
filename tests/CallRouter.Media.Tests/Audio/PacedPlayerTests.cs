using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.Audio;

/// <summary>Player timing on a virtual clock; every frame's send time is checked against its absolute deadline.</summary>
public sealed class PacedPlayerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly List<(uint Timestamp, bool Marker, byte First, TimeSpan SentAt)> _frames = [];
    private readonly DateTimeOffset _origin;
    private readonly PlaybackClock _clock;

    public PacedPlayerTests()
    {
        _origin = _time.GetUtcNow();
        _clock = new PlaybackClock(_time);
    }

    public void Dispose() => _clock.Dispose();

    private PacedPlayer NewPlayer() => new(_clock, (payload, ts, marker) => _frames.Add((ts, marker, payload[0], _time.GetUtcNow() - _origin)));

    private static AudioClip Clip(int samples) =>
        new(G711Law.MuLaw, Enumerable.Range(0, samples).Select(i => (byte)(i / 160)).ToArray());

    [Fact]
    public async Task PlayAsync_OneSecondClip_FiftyFramesOnDeadlinesWithConsecutiveTimestamps()
    {
        var task = NewPlayer().PlayAsync(Clip(8000), 1000);

        for (var step = 0; step < 49; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20)); // t = 20 ms × (step + 1): exactly one more frame
            Assert.Equal(step + 2, _frames.Count);
        }

        await task.WaitAsync(Bound);
        Assert.Equal(50, _frames.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => 1000u + (uint)(i * 160)), _frames.Select(f => f.Timestamp));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i == 0), _frames.Select(f => f.Marker));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (byte)i), _frames.Select(f => f.First));
    }

    [Fact]
    public async Task PlayAsync_LoopForOneHourWithJitteryTimer_NoDriftAndNoEarlyFrame()
    {
        var random = new Random(4733);
        var task = NewPlayer().PlayAsync(Clip(4000), 0, new PlaybackOptions { Loop = true, MaxDuration = TimeSpan.FromHours(1) });

        // The host wakes us at irregular moments, 1–39 ms apart, for a virtual hour.
        while (!task.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(random.Next(1, 40)));
        }

        await task.WaitAsync(Bound);
        Assert.Equal(180_000, _frames.Count);
        for (var i = 0; i < _frames.Count; i++)
        {
            var deadline = TimeSpan.FromMilliseconds(20 * i);
            var (timestamp, _, first, sentAt) = _frames[i];
            Assert.Equal((uint)(i * 160), timestamp);
            Assert.Equal((byte)(i % 25), first); // a 0.5 s clip loops every 25 frames
            Assert.InRange(sentAt - deadline, TimeSpan.Zero, TimeSpan.FromMilliseconds(39));
        }

        // The last frame left within one timer step of its deadline, 59:59.98 after the start: no drift.
        Assert.InRange(_frames[^1].SentAt, TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(20), TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task PlayAsync_Cancelled_StopsSendingAndCancelsTask()
    {
        using var cts = new CancellationTokenSource();
        var task = NewPlayer().PlayAsync(Clip(8000), 0, cancellationToken: cts.Token);
        _time.Advance(TimeSpan.FromMilliseconds(100)); // frames 0..5

        await cts.CancelAsync();
        _time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Bound));
        Assert.Equal(6, _frames.Count);
    }

    [Fact]
    public async Task PlayAsync_TokenAlreadyCancelled_SendsNothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var task = NewPlayer().PlayAsync(Clip(1600), 0, cancellationToken: cts.Token);
        _time.Advance(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Bound));
        Assert.Empty(_frames);
    }

    [Fact]
    public async Task PlayAsync_HostStallsHalfASecond_BurstIsCappedAndTimestampsFollowWallClock()
    {
        var task = NewPlayer().PlayAsync(Clip(16000), 0);
        _time.Advance(TimeSpan.FromMilliseconds(500)); // t=500 ms in one step: frames 0..25 due, 26 frames

        // Frame 0 went out at t=0; of the 25 late ones only the newest 10 are sent.
        Assert.Equal(11, _frames.Count);
        Assert.Equal(16 * 160u, _frames[1].Timestamp);
        Assert.Equal(25 * 160u, _frames[^1].Timestamp);

        while (!task.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        await task.WaitAsync(Bound);
        Assert.Equal(99 * 160u, _frames[^1].Timestamp);
    }

    [Fact]
    public async Task PlayAsync_ClipNotAWholeNumberOfFrames_LastFramePaddedWithSilence()
    {
        byte[] last = [];
        var player = new PacedPlayer(_clock, (payload, _, _) => last = payload.ToArray());
        var task = player.PlayAsync(new AudioClip(G711Law.ALaw, Enumerable.Repeat((byte)0x11, 200).ToArray()), 0);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        await task.WaitAsync(Bound);

        Assert.Equal(160, last.Length);
        Assert.All(last[..40], b => Assert.Equal(0x11, b));
        Assert.All(last[40..], b => Assert.Equal(G711.ALawSilence, b));
    }

    [Fact]
    public async Task PlayAsync_EmptyClip_CompletesImmediately()
    {
        await NewPlayer().PlayAsync(new AudioClip(G711Law.MuLaw, Array.Empty<byte>()), 0).WaitAsync(Bound);
        Assert.Empty(_frames);
    }
}
