namespace CallRouter.Core.Cases;

/// <summary>Configuration section <c>CallRouter:Cases</c>: where cases live and whose they are.</summary>
public sealed class CaseOptions
{
    public const string Section = "CallRouter:Cases";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>SQLite file name, relative to the data folder (or absolute).</summary>
    public string SqliteFile { get; set; } = "cases.db";

    /// <summary>Npgsql connection string when <see cref="Store"/> is <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The desk's reporting time zone (IANA id): days, weeks, months and same-day closure.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>
    /// The manufacturer the desk serves. Every case opened at intake belongs to it, and every
    /// Mfr TS login is bound to it, so those users see only its end users' cases.
    /// </summary>
    public string Manufacturer { get; set; } = "mfr";

    /// <summary>How often update reminders are raised and resolved cases swept closed.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>SOW-A effective date: set-up instalments start in its month (R15).</summary>
    public DateOnly SowEffectiveDate { get; set; } = new(2026, 1, 1);

    /// <summary>End of the implementation period: per-case charges start that day (R15).</summary>
    public DateOnly ImplementationEndDate { get; set; } = new(2026, 3, 1);

    /// <summary>How many audit lines of a case an agent's offer carries.</summary>
    public int OfferHistoryLines { get; set; } = 5;
}
