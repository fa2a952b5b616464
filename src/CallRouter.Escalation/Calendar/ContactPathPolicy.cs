namespace CallRouter.Escalation.Calendar;

/// <summary>
/// Which path applies at an instant: Mfr TS by phone in Mfr business hours; otherwise the PTAS
/// while it is staffed; otherwise the on-call pager / cell path (SOW-A 6.1 item 1).
/// </summary>
public sealed class ContactPathPolicy
{
    public ContactPathPolicy(BusinessCalendar manufacturer, BusinessCalendar ptas)
    {
        ArgumentNullException.ThrowIfNull(manufacturer);
        ArgumentNullException.ThrowIfNull(ptas);
        Manufacturer = manufacturer;
        Ptas = ptas;
    }

    public BusinessCalendar Manufacturer { get; }

    public BusinessCalendar Ptas { get; }

    /// <summary>Builds the policy from configuration, naming the bad setting when something is wrong.</summary>
    /// <exception cref="ScheduleConfigurationException">A time zone, hours or holiday entry is malformed.</exception>
    public static ContactPathPolicy FromOptions(EscalationScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = EscalationScheduleOptions.SectionName + ":";
        var zone = BusinessCalendar.FindTimeZone(options.TimeZoneId, prefix + nameof(options.TimeZoneId));
        var hours = WeeklySchedule.Parse(options.BusinessHours, prefix + nameof(options.BusinessHours));
        if (hours.IsEmpty)
        {
            throw new ScheduleConfigurationException(prefix + nameof(options.BusinessHours), "has no open hours; Mfr TS must be reachable by phone some time of the week.");
        }

        var holidays = BusinessCalendar.ParseHolidays(options.Holidays, prefix + nameof(options.Holidays));
        var ptasZone = string.IsNullOrWhiteSpace(options.PtasTimeZoneId)
            ? zone
            : BusinessCalendar.FindTimeZone(options.PtasTimeZoneId, prefix + nameof(options.PtasTimeZoneId));
        var ptasHours = WeeklySchedule.Parse(options.PtasStaffedHours, prefix + nameof(options.PtasStaffedHours));
        return new ContactPathPolicy(new BusinessCalendar(zone, hours, holidays), new BusinessCalendar(ptasZone, ptasHours));
    }

    public bool IsBusinessHours(DateTimeOffset instant) => Manufacturer.IsOpen(instant);

    public DateTimeOffset? NextBusinessOpen(DateTimeOffset instant) => Manufacturer.NextOpen(instant);

    public bool IsPtasStaffed(DateTimeOffset instant) => Ptas.IsOpen(instant);

    /// <summary>The path a new escalation takes at this instant.</summary>
    public ContactPath PathAt(DateTimeOffset instant) =>
        IsBusinessHours(instant) ? ContactPath.ManufacturerPhone
        : IsPtasStaffed(instant) ? ContactPath.Ptas
        : ContactPath.OnCallPager;
}
