namespace CallRouter.Benchmarks.Routing;

/// <summary>A hand-driven clock: the benchmark moves time forward itself, so runs are repeatable and allocation-free.</summary>
internal sealed class BenchmarkClock : TimeProvider
{
    private long _utcTicks;

    public BenchmarkClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => new(_utcTicks, TimeSpan.Zero);

    public void Advance(long ticks) => _utcTicks += ticks;
}
