using System.Globalization;

namespace CallRouter.Simulators.Storm.Agents;

/// <summary>
/// The storm's SIPp callers put the wall-clock time of their INVITE in the serial-number header
/// (<c>ST&lt;seconds&gt;-&lt;microseconds&gt;</c>, SIPp's gettimeofday printed as decimals); the agent reads it
/// back from the offer's call context to measure how long the caller took to reach an agent.
/// </summary>
public static class CallerStamp
{
    public static bool TryParse(string? serial, out DateTimeOffset invitedAt)
    {
        invitedAt = default;
        if (serial is null || !serial.StartsWith("ST", StringComparison.Ordinal)) return false;
        int dash = serial.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0) return false;
        if (!double.TryParse(serial.AsSpan(2, dash - 2), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            || !double.TryParse(serial.AsSpan(dash + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double micros)
            || seconds is < 0 or > 32_000_000_000 || micros is < 0 or >= 1_000_000)
        {
            return false;
        }

        invitedAt = DateTimeOffset.FromUnixTimeSeconds((long)seconds).AddTicks((long)micros * 10);
        return true;
    }
}
