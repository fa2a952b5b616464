namespace CallRouter.Simulators.Ptas;

/// <summary>
/// A clock that runs <see cref="Speed"/> times faster than real time from a chosen starting
/// instant: with speed 60 a simulated minute passes every real second, so a 30-minute response
/// window takes half a real minute. Timers are scaled the same way.
/// </summary>
public sealed class AcceleratedTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly long _startTimestamp;
    private readonly DateTimeOffset _start;

    public AcceleratedTimeProvider(double speed, DateTimeOffset? start = null, TimeProvider? real = null)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The clock speed is a positive factor, e.g. 60.");
        }

        Speed = speed;
        _real = real ?? System;
        _startTimestamp = _real.GetTimestamp();
        _start = start ?? _real.GetUtcNow();
    }

    public double Speed { get; }

    /// <summary>
    /// The clock shared with the desk server's test clock (<c>Escalation:Clock</c>): simulated now =
    /// epoch + speed × (real now − epoch), so both processes, and a restarted one, agree on "now".
    /// </summary>
    public static AcceleratedTimeProvider FromEpoch(double speed, DateTimeOffset epoch, TimeProvider? real = null)
    {
        real ??= System;
        var now = real.GetUtcNow();
        return new AcceleratedTimeProvider(speed, epoch + Scale(now - epoch, speed), real);
    }

    public override DateTimeOffset GetUtcNow() => _start + Scale(_real.GetElapsedTime(_startTimestamp), Speed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, ToReal(dueTime), ToReal(period));

    /// <summary>How long a simulated span takes in real time.</summary>
    public TimeSpan ToReal(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan ? simulated : Scale(simulated, 1 / Speed);

    private static TimeSpan Scale(TimeSpan span, double factor) => TimeSpan.FromTicks((long)(span.Ticks * factor));
}
