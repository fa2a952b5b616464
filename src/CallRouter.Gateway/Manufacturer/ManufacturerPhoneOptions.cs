namespace CallRouter.Gateway.Manufacturer;

/// <summary>
/// Configuration section <c>CallRouter:Gateway:ManufacturerPhone</c>: where the in-hours escalation
/// call to Mfr TS goes and how long the engineer has to answer and acknowledge it.
/// </summary>
public sealed class ManufacturerPhoneOptions
{
    public const string Section = "ManufacturerPhone";

    /// <summary>
    /// The only numbers the gateway will dial, escalation address → SIP URI with an IP-address host
    /// (<c>"+18005550100": "sip:mfr-ts@192.0.2.10:5060"</c>). A number not listed here is refused
    /// without any call: the escalation configuration can never make the gateway call elsewhere
    /// (no toll fraud). Empty by default, so nothing is dialled until an operator says where.
    /// </summary>
    public Dictionary<string, string> Destinations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Ringing time before the call is CANCELled and the attempt reported as "no answer".</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Silence after each "press 1" before the announcement is repeated.</summary>
    public TimeSpan AcknowledgeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times the case is announced before the gateway hangs up unacknowledged.</summary>
    public int MaxAnnouncements { get; set; } = 3;

    /// <summary>The key that accepts the escalation ("press 1 to confirm").</summary>
    public char AcknowledgeDigit { get; set; } = '1';

    /// <summary>The key that repeats the announcement ("2 to choose again").</summary>
    public char RepeatDigit { get; set; } = '2';

    /// <summary>How the responder is recorded on the escalation; the dialled number is appended.</summary>
    public string ResponderName { get; set; } = "Mfr TS engineer";

    /// <summary>Attempts to record an acknowledgment while the core is unreachable.</summary>
    public int RecordAttempts { get; set; } = 4;

    /// <summary>First wait between those attempts; doubles each time.</summary>
    public TimeSpan RecordRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Checks the settings, naming the one at fault.</summary>
    public void Validate()
    {
        const string prefix = "CallRouter:Gateway:ManufacturerPhone";
        if (RingTimeout <= TimeSpan.Zero || AcknowledgeTimeout <= TimeSpan.Zero || RecordRetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{prefix}: RingTimeout, AcknowledgeTimeout and RecordRetryDelay must be positive.");
        }

        if (MaxAnnouncements < 1 || RecordAttempts < 1)
        {
            throw new ArgumentException($"{prefix}: MaxAnnouncements and RecordAttempts must be at least 1.");
        }

        if (!IsKey(AcknowledgeDigit) || !IsKey(RepeatDigit) || AcknowledgeDigit == RepeatDigit)
        {
            throw new ArgumentException($"{prefix}: AcknowledgeDigit '{AcknowledgeDigit}' and RepeatDigit '{RepeatDigit}' must be two different keys (0-9, *, #).");
        }

        // A destination that could never be dialled is a configuration error now, not a failed escalation later.
        var plan = new ManufacturerDestinations(Destinations);
        foreach (var number in Destinations.Keys)
        {
            if (!plan.TryResolve(number, out _, out var error))
            {
                throw new ArgumentException($"{prefix}:Destinations: {error}.");
            }
        }
    }

    private static bool IsKey(char c) => char.IsAsciiDigit(c) || c is '*' or '#';
}
