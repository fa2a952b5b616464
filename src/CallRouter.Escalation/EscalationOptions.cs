using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation;

/// <summary>Configuration section <c>Escalation</c>: who is contacted, how long they have, and how hard the desk retries.</summary>
public sealed class EscalationOptions
{
    public const string SectionName = "Escalation";

    /// <summary>Mfr TS toll-free number, phoned in business hours (SOW-A 6.0 Mfr 4).</summary>
    public EscalationContact ManufacturerPhone { get; set; } = new("Mfr TS", ContactChannel.Phone, "+18005550100");

    /// <summary>The Mfr TS account on the answering service, paged while the PTAS is staffed.</summary>
    public EscalationContact Ptas { get; set; } = new("PTAS", ContactChannel.Pager, "MFRTS");

    /// <summary>The on-call chain, in order: the first is paged when the PTAS is unstaffed; the rest are the "next contact" of the escalation procedure.</summary>
    public IList<EscalationContact> OnCallChain { get; } = [];

    public TimeSpan InHoursResponseWindow { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan OutOfHoursResponseWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>First retry delay after a channel error; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the heartbeat asks the paging side how open pages stand.</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest sleep of the heartbeat, even with nothing due (guards against a missed wake-up).</summary>
    public TimeSpan HeartbeatMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a call handed to the gateway may go without a reported outcome (answered, busy, no
    /// answer) before it is placed again: covers the gateway's ring time-out and its retries of the
    /// report; only matters when the gateway or the server stopped while the phone rang.
    /// </summary>
    public TimeSpan PhoneOutcomeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Checks the settings, naming the one at fault.</summary>
    public void Validate()
    {
        if (OnCallChain.Count == 0)
        {
            throw new ArgumentException($"{SectionName}:{nameof(OnCallChain)} lists no contact; the pager path and the escalation procedure need at least one.");
        }

        foreach (var contact in OnCallChain.Append(Ptas).Append(ManufacturerPhone))
        {
            if (string.IsNullOrWhiteSpace(contact.Address) || string.IsNullOrWhiteSpace(contact.Name))
            {
                throw new ArgumentException($"{SectionName}: contact '{contact}' needs a name and an address.");
            }
        }

        if (InHoursResponseWindow <= TimeSpan.Zero || OutOfHoursResponseWindow <= TimeSpan.Zero || RetryInitialDelay <= TimeSpan.Zero
            || RetryMaxDelay < RetryInitialDelay || StatusPollInterval <= TimeSpan.Zero || HeartbeatMaxDelay <= TimeSpan.Zero || PhoneOutcomeTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}: response windows, retry delays and intervals must be positive (and RetryMaxDelay at least RetryInitialDelay).");
        }
    }
}
