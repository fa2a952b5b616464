namespace CallRouter.Cases.Domain;

/// <summary>Who is acting (SPEC R9). The host authenticates; the domain authorises.</summary>
public enum Role
{
    L1Agent,
    L2Agent,
    Supervisor,
    Administrator,
    ManufacturerTs,

    /// <summary>Timers and sweeps run by the host itself (same-day closure, reminders).</summary>
    System,
}
