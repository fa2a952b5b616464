using System.Collections.Concurrent;

namespace CallRouter.Media.Rtp.Linux;

/// <summary>
/// A fixed set of <see cref="EpollReceiveLoop"/>s shared by every engine in the process that asks
/// for the same number of threads (one engine per process in production; tests create many, and
/// must not leave threads behind per engine) with the same batching delay. Sessions are spread round-robin; both sockets of a
/// session go to the same loop, so its RTP and RTCP are handled on one thread.
/// </summary>
internal sealed class EpollReceiverGroup
{
    private static readonly ConcurrentDictionary<(int Threads, TimeSpan BatchingDelay), Lazy<EpollReceiverGroup>> Shared = new();

    private readonly EpollReceiveLoop[] _loops;
    private int _next;

    private EpollReceiverGroup(int threads, TimeSpan batchingDelay)
    {
        _loops = new EpollReceiveLoop[threads];
        for (var i = 0; i < threads; i++)
        {
            _loops[i] = new EpollReceiveLoop($"RTP receive {i + 1}/{threads}", batchingDelay);
        }
    }

    public IReadOnlyList<EpollReceiveLoop> Loops => _loops;

    public static EpollReceiverGroup ForThreadCount(int threads, TimeSpan batchingDelay = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchingDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchingDelay, TimeSpan.FromMilliseconds(5));
        return Shared.GetOrAdd((threads, batchingDelay), key => new Lazy<EpollReceiverGroup>(() => new EpollReceiverGroup(key.Threads, key.BatchingDelay))).Value;
    }

    public EpollReceiveLoop Next() => _loops[(int)((uint)Interlocked.Increment(ref _next) % (uint)_loops.Length)];
}
