namespace CallRouter.Escalation.Clock;

/// <summary>
/// A test/QA clock for the escalation subsystem: simulated now = epoch + speed × (real now − epoch).
/// Because simulated time is a function of the wall clock and two fixed numbers, a restarted
/// process (or another process, such as the PTAS simulator given the same epoch and speed)
/// computes the same simulated instant, so stored due instants keep their meaning across a
/// restart. Timers are scaled down to real time. Never used unless configured
/// (<see cref="AcceleratedClockSettings"/>).
/// </summary>
public sealed class EpochAcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly long _anchorTimestamp;
    private readonly DateTimeOffset _anchorSimulated;

    public EpochAcceleratedTimeProvider(double speed, DateTimeOffset epoch, TimeProvider? real = null)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The clock speed is a positive factor, e.g. 60.");
        }

        Speed = speed;
        Epoch = epoch;
        _real = real ?? System;

        // Anchored once on the wall clock, then advanced with the monotonic timestamp, so a
        // wall-clock step while running cannot make simulated time jump backwards.
        _anchorTimestamp = _real.GetTimestamp();
        _anchorSimulated = Simulate(_real.GetUtcNow());
    }

    public double Speed { get; }

    public DateTimeOffset Epoch { get; }

    public override DateTimeOffset GetUtcNow() => _anchorSimulated + Scale(_real.GetElapsedTime(_anchorTimestamp), Speed);

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, ToReal(dueTime), ToReal(period));

    /// <summary>The simulated instant for a real (wall-clock) instant.</summary>
    public DateTimeOffset Simulate(DateTimeOffset real) => Epoch + Scale(real - Epoch, Speed);

    /// <summary>How long a simulated span takes in real time.</summary>
    public TimeSpan ToReal(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan ? simulated : Scale(simulated, 1 / Speed);

    private static TimeSpan Scale(TimeSpan span, double factor) => TimeSpan.FromTicks((long)(span.Ticks * factor));
}
