using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.Audio;

/// <summary>The shared pacing clock: many playbacks, one grid, each stream evenly paced; idle when nothing plays.</summary>
public sealed class PlaybackClockTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly DateTimeOffset _origin;
    private readonly PlaybackClock _clock;

    public PlaybackClockTests()
    {
        _origin = _time.GetUtcNow();
        _clock = new PlaybackClock(_time, shards: 3);
    }

    public void Dispose() => _clock.Dispose();

    private static AudioClip Clip(TimeSpan length) => new(G711Law.MuLaw, new byte[(int)(length.TotalSeconds * 8000)]);

    private TimeSpan Elapsed => _time.GetUtcNow() - _origin;

    [Fact]
    public async Task Playbacks_StartedBetweenTicks_EachSentOnTheNextTickWithAFixedOffset()
    {
        var sentAt = new Dictionary<int, List<TimeSpan>>();
        var started = new Dictionary<int, TimeSpan>();
        var tasks = new List<Task>();
        foreach (var (stream, offsetMs) in new[] { (0, 0), (1, 3), (2, 10), (3, 17), (4, 19) })
        {
            _time.Advance(TimeSpan.FromMilliseconds(offsetMs) - Elapsed);
            started[stream] = Elapsed;
            sentAt[stream] = [];
            var times = sentAt[stream];
            tasks.Add(new PacedPlayer(_clock, (_, _, _) => times.Add(Elapsed)).PlayAsync(Clip(TimeSpan.FromSeconds(1)), 0));
        }

        while (!tasks.All(t => t.IsCompleted))
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await Task.WhenAll(tasks).WaitAsync(Bound);
        foreach (var (stream, times) in sentAt)
        {
            Assert.Equal(50, times.Count);
            Assert.Equal(started[stream], times[0]); // the first frame goes out at once
            var offsets = times.Skip(1).Select((t, i) => t - started[stream] - TimeSpan.FromMilliseconds(20 * (i + 1))).Distinct().ToList();
            var offset = Assert.Single(offsets); // every later frame just as late: even pacing
            Assert.InRange(offset, TimeSpan.Zero, _clock.Tick - TimeSpan.FromTicks(1));
        }
    }

    [Fact]
    public async Task ActivePlaybacks_EndedOrCancelled_AreForgottenAndTheClockRestartsForNewOnes()
    {
        using var cancel = new CancellationTokenSource();
        var frames = 0;
        var looping = new PacedPlayer(_clock, (_, _, _) => frames++).PlayAsync(Clip(TimeSpan.FromSeconds(1)), 0, new PlaybackOptions { Loop = true }, cancel.Token);
        var short1 = new PacedPlayer(_clock, (_, _, _) => frames++).PlayAsync(Clip(TimeSpan.FromMilliseconds(100)), 0);
        Assert.Equal(2, _clock.ActivePlaybacks);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await short1.WaitAsync(Bound);
        _time.Advance(_clock.Tick);
        Assert.Equal(1, _clock.ActivePlaybacks);

        await cancel.CancelAsync();
        _time.Advance(_clock.Tick);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => looping.WaitAsync(Bound));
        Assert.Equal(0, _clock.ActivePlaybacks);

        // Idle for a while, then a new playback is paced again from its own start.
        _time.Advance(TimeSpan.FromSeconds(5));
        var before = frames;
        var again = new PacedPlayer(_clock, (_, _, _) => frames++).PlayAsync(Clip(TimeSpan.FromMilliseconds(60)), 0);
        _time.Advance(TimeSpan.FromMilliseconds(40));
        await again.WaitAsync(Bound);
        Assert.Equal(before + 3, frames);
    }

    [Fact]
    public async Task SendDue_OneSinkThrows_OnlyThatPlaybackFailsAndTheOthersPlayOn()
    {
        var goodFrames = 0;
        var good = new PacedPlayer(_clock, (_, _, _) => goodFrames++).PlayAsync(Clip(TimeSpan.FromMilliseconds(200)), 0);
        var sent = 0;
        var bad = new PacedPlayer(_clock, (_, _, _) =>
        {
            if (++sent == 3)
            {
                throw new InvalidOperationException("socket closed");
            }
        }).PlayAsync(Clip(TimeSpan.FromMilliseconds(200)), 0);

        while (!good.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        await good.WaitAsync(Bound);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Bound));
        Assert.Equal("socket closed", failure.Message);
        Assert.Equal(10, goodFrames);
    }

    [Fact]
    public async Task ForSystemTime_RealThreads_PlayEveryFrameOfManyClipsAndGoIdle()
    {
        var clock = PlaybackClock.ForSystemTime(2);
        Assert.Same(clock, PlaybackClock.ForSystemTime(2));

        var counts = new int[20];
        var tasks = Enumerable.Range(0, counts.Length)
            .Select(i => new PacedPlayer(clock, (_, _, _) => Interlocked.Increment(ref counts[i])).PlayAsync(Clip(TimeSpan.FromMilliseconds(200)), 0))
            .ToList();

        await Task.WhenAll(tasks).WaitAsync(Bound);
        Assert.All(counts, c => Assert.Equal(10, c));
    }
}
