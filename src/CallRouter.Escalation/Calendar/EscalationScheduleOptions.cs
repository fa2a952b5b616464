namespace CallRouter.Escalation.Calendar;

/// <summary>
/// Configuration section <c>Escalation:Schedule</c>. Defaults are the contract's: Mfr TS in
/// Sunnyvale, CA, open 08:00–17:00 Monday–Friday local prevailing time.
/// </summary>
public sealed class EscalationScheduleOptions
{
    public const string SectionName = "Escalation:Schedule";

    /// <summary>IANA id of the manufacturer site's time zone.</summary>
    public string TimeZoneId { get; set; } = "America/Los_Angeles";

    /// <summary>Mfr TS business hours in site-local time.</summary>
    public string BusinessHours { get; set; } = "Mon-Fri 08:00-17:00";

    /// <summary>Mfr holidays, "yyyy-MM-dd" optionally followed by a name.</summary>
    public IList<string> Holidays { get; } = [];

    /// <summary>IANA id of the PTAS's time zone; empty means the manufacturer site's.</summary>
    public string PtasTimeZoneId { get; set; } = "";

    /// <summary>Hours the answering service is staffed, in its own local time; holidays do not close it.</summary>
    public string PtasStaffedHours { get; set; } = "Sun-Sat 06:00-22:00";
}
