using System.Collections.Concurrent;
using System.Net;

namespace CallRouter.Sip.UserAgent;

/// <summary>
/// Admission control for new INVITEs: a ceiling on concurrent calls and a per-source-address rate
/// (a token bucket refilled from the injected clock). The per-source table is bounded: when it is full,
/// stale entries are swept, and unknown sources are refused rather than letting memory grow.
/// </summary>
internal sealed class OverloadGuard
{
    private const int MaxTrackedSources = 10_000;

    private readonly TimeProvider _time;
    private readonly int _perSecond;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();

    public OverloadGuard(TimeProvider time, int perSecond)
    {
        _time = time;
        _perSecond = perSecond;
    }

    /// <summary>Takes one token for <paramref name="source"/>; false means over the rate.</summary>
    public bool TryAdmit(IPAddress source)
    {
        if (_perSecond <= 0) return true;
        long now = _time.GetTimestamp();
        if (!_buckets.TryGetValue(source, out var bucket))
        {
            if (_buckets.Count >= MaxTrackedSources && !Sweep(now)) return false;
            bucket = _buckets.GetOrAdd(source, _ => new Bucket(_perSecond, now));
        }

        return bucket.TryTake(_time, now, _perSecond);
    }

    private bool Sweep(long now)
    {
        foreach (var (address, bucket) in _buckets)
        {
            if (_time.GetElapsedTime(bucket.LastRefill, now) > TimeSpan.FromSeconds(10)) _buckets.TryRemove(address, out _);
        }

        return _buckets.Count < MaxTrackedSources;
    }

    private sealed class Bucket
    {
        private readonly object _gate = new();
        private double _tokens;

        public Bucket(int capacity, long now)
        {
            _tokens = capacity;
            LastRefill = now;
        }

        public long LastRefill { get; private set; }

        public bool TryTake(TimeProvider time, long now, int perSecond)
        {
            lock (_gate)
            {
                double elapsed = time.GetElapsedTime(LastRefill, now).TotalSeconds;
                if (elapsed > 0)
                {
                    _tokens = Math.Min(perSecond, _tokens + (elapsed * perSecond));
                    LastRefill = now;
                }

                if (_tokens < 1) return false;
                _tokens -= 1;
                return true;
            }
        }
    }
}
