using System.Globalization;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>
/// The accelerated clock both processes are given (server: CallRouter:Escalation:Clock; simulator:
/// --clock-speed/--clock-epoch), computed here the same way so the test knows "simulated now".
/// The epoch is the test's start, so simulated time begins at real time and runs <see cref="Speed"/> times faster.
/// </summary>
internal sealed class SharedClock(double speed)
{
    public double Speed { get; } = speed;

    public DateTimeOffset Epoch { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public string EpochText => Epoch.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public DateTimeOffset Now => Epoch + TimeSpan.FromTicks((long)((DateTimeOffset.UtcNow - Epoch).Ticks * Speed));

    /// <summary>Real time a simulated span takes.</summary>
    public TimeSpan Real(TimeSpan simulated) => TimeSpan.FromTicks((long)(simulated.Ticks / Speed));

    public string[] SimulatorArguments() =>
        ["--clock-speed", Speed.ToString(CultureInfo.InvariantCulture), "--clock-epoch", EpochText];

    public void AddServerSettings(IDictionary<string, string> settings)
    {
        settings["CallRouter__Escalation__Clock__Speed"] = Speed.ToString(CultureInfo.InvariantCulture);
        settings["CallRouter__Escalation__Clock__Epoch"] = EpochText;
    }

    /// <summary>Waits (bounded in real time) until simulated time reaches <paramref name="instant"/>.</summary>
    public async Task WaitUntilAsync(DateTimeOffset instant, TimeSpan realBound)
    {
        var deadline = DateTime.UtcNow + realBound;
        while (Now < instant)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"simulated time did not reach {instant:O} within {realBound.TotalSeconds} real seconds");
            }

            await Task.Delay(20);
        }
    }
}
