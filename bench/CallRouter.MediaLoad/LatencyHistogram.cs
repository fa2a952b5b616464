namespace CallRouter.MediaLoad;

/// <summary>One-way latency in 1 µs buckets up to one second (the top bucket holds everything later). Single writer.</summary>
internal sealed class LatencyHistogram
{
    public const int MaxMicroseconds = 1_000_000;

    private readonly int[] _buckets = new int[MaxMicroseconds + 1];

    public long Count { get; private set; }

    public void Add(long microseconds)
    {
        _buckets[Math.Clamp(microseconds, 0, MaxMicroseconds)]++;
        Count++;
    }

    /// <summary>The smallest latency that at least <paramref name="fraction"/> of the samples do not exceed; NaN when empty.</summary>
    public double Percentile(double fraction)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var target = Math.Max(1, (long)Math.Ceiling(Count * fraction));
        long running = 0;
        for (var micros = 0; micros < _buckets.Length; micros++)
        {
            running += _buckets[micros];
            if (running >= target)
            {
                return micros;
            }
        }

        return MaxMicroseconds;
    }
}
