namespace CallRouter.Escalation.Calendar;

/// <summary>
/// A schedule setting (time zone, hours, holidays) that cannot be understood. The message names
/// the setting and the offending text so an operator can fix the configuration file directly.
/// </summary>
public sealed class ScheduleConfigurationException : Exception
{
    public ScheduleConfigurationException(string setting, string message)
        : base($"Schedule setting '{setting}': {message}")
    {
        Setting = setting;
    }

    public ScheduleConfigurationException(string setting, string message, Exception inner)
        : base($"Schedule setting '{setting}': {message}", inner)
    {
        Setting = setting;
    }

    /// <summary>The configuration key at fault, e.g. <c>Escalation:Schedule:BusinessHours</c>.</summary>
    public string Setting { get; }
}
