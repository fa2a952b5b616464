using System.Collections.Concurrent;

namespace CallRouter.Media.Audio;

/// <summary>
/// The one pacing clock every <see cref="PacedPlayer"/> of an engine shares. Instead of a timer per
/// playback — at 200 new calls/s that is thousands of callers in the IVR or on hold, so hundreds of
/// thousands of timer callbacks a second, each queued through the thread pool — the clock wakes on a
/// fixed grid (every <see cref="Tick"/>) and each of its shards sends every frame that has come due
/// on its own playbacks. Frames keep their absolute deadlines: a frame due between two ticks goes out
/// on the next one, the same offset for every frame of a stream, so pacing stays even.
/// On <see cref="TimeProvider.System"/> each shard is a dedicated thread, out of the thread pool's
/// queue; on any other clock (tests' <c>FakeTimeProvider</c>) each shard is a timer of that clock.
/// </summary>
public sealed class PlaybackClock : IDisposable
{
    /// <summary>The default grid: half a 20 ms frame, and a whole divisor of 10/20/30/40 ms packet times.</summary>
    public static readonly TimeSpan DefaultTick = TimeSpan.FromMilliseconds(10);

    private static readonly ConcurrentDictionary<int, Lazy<PlaybackClock>> SystemClocks = new();

    private readonly PlaybackShard[] _shards;
    private int _next;

    /// <summary>
    /// A clock of its own on <paramref name="time"/> with <paramref name="shards"/> shards (threads on the
    /// system clock, timers otherwise). Dispose it when done; prefer <see cref="ForSystemTime"/> in production.
    /// </summary>
    public PlaybackClock(TimeProvider time, int shards = 1, TimeSpan? tick = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        Tick = tick ?? DefaultTick;
        ArgumentOutOfRangeException.ThrowIfLessThan(Tick, TimeSpan.FromMilliseconds(1));
        Time = time;
        var origin = time.GetTimestamp();
        var onSystemTime = ReferenceEquals(time, TimeProvider.System);
        _shards = new PlaybackShard[shards];
        for (var i = 0; i < shards; i++)
        {
            _shards[i] = new PlaybackShard(time, origin, Tick, onSystemTime ? $"Playback {i + 1}/{shards}" : null);
        }
    }

    public TimeProvider Time { get; }

    public TimeSpan Tick { get; }

    /// <summary>Playbacks currently being paced, over all shards.</summary>
    public int ActivePlaybacks => _shards.Sum(s => s.Count);

    /// <summary>
    /// The process-wide clock on the system time with this many threads, shared by every engine that
    /// asks for it (one engine per process in production; tests create many and must not leave threads
    /// behind per engine). Never disposed: its threads sleep while nothing plays.
    /// </summary>
    public static PlaybackClock ForSystemTime(int threads) =>
        SystemClocks.GetOrAdd(threads, n => new Lazy<PlaybackClock>(() => new PlaybackClock(TimeProvider.System, n))).Value;

    public void Dispose()
    {
        foreach (var shard in _shards)
        {
            shard.Dispose();
        }
    }

    /// <summary>Starts pacing <paramref name="playback"/> on the next shard, round-robin.</summary>
    internal void Add(IPacedPlayback playback) =>
        _shards[(int)((uint)Interlocked.Increment(ref _next) % (uint)_shards.Length)].Add(playback);
}
