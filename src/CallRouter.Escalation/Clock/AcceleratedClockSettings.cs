using System.Globalization;
using System.Text.RegularExpressions;

namespace CallRouter.Escalation.Clock;

/// <summary>
/// Configuration section <c>Escalation:Clock</c> — for end-to-end tests and QA only, never in
/// production: <c>Speed</c> (simulated minutes per real minute) and <c>Epoch</c> (an ISO 8601
/// instant with offset) give the escalation subsystem an <see cref="EpochAcceleratedTimeProvider"/>.
/// Both empty (the default) means the real clock. Values are kept as text so a malformed one is
/// reported with the setting's name rather than a binder error.
/// </summary>
public sealed partial class AcceleratedClockSettings
{
    public const string SectionName = "Clock";
    public const double MaxSpeed = 100_000;

    public string? Speed { get; set; }

    public string? Epoch { get; set; }

    /// <summary>The accelerated clock these settings ask for, or null when none is configured.</summary>
    /// <exception cref="ArgumentException">A setting is malformed or only one of the two is given.</exception>
    public EpochAcceleratedTimeProvider? CreateClock(string section, TimeProvider? real = null)
    {
        bool hasSpeed = !string.IsNullOrWhiteSpace(Speed);
        bool hasEpoch = !string.IsNullOrWhiteSpace(Epoch);
        if (!hasSpeed && !hasEpoch)
        {
            return null;
        }

        if (hasSpeed != hasEpoch)
        {
            throw new ArgumentException($"{section}:{SectionName} needs both Speed and Epoch (test/QA only), or neither for the real clock; only {(hasSpeed ? "Speed" : "Epoch")} is set.");
        }

        if (!double.TryParse(Speed, NumberStyles.Float, CultureInfo.InvariantCulture, out double speed) || !(speed > 0) || speed > MaxSpeed)
        {
            throw new ArgumentException($"{section}:{SectionName}:Speed \"{Speed}\" is not a factor greater than 0 and at most {MaxSpeed} (e.g. 60 = a simulated minute per real second).");
        }

        if (!IsoInstant().IsMatch(Epoch!.Trim())
            || !DateTimeOffset.TryParse(Epoch.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset epoch))
        {
            throw new ArgumentException($"{section}:{SectionName}:Epoch \"{Epoch}\" is not an ISO 8601 instant with an offset (e.g. 2026-11-24T14:00:00Z).");
        }

        return new EpochAcceleratedTimeProvider(speed, epoch, real);
    }

    // An offset is required: an instant without one would mean different things on different machines.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoInstant();
}
