namespace CallRouter.Core.Escalations;

/// <summary>
/// Configuration section <c>CallRouter:Escalation</c> as far as the host is concerned; the same
/// section also carries the library's <c>EscalationOptions</c> (contacts, windows, retries) and
/// its <c>Schedule</c> and <c>Snpp</c> subsections.
/// </summary>
public sealed class EscalationHostOptions
{
    public const string Section = "CallRouter:Escalation";

    /// <summary>"sqlite" or "postgres"; empty = wherever the cases are (<c>CallRouter:Cases:Store</c>).</summary>
    public string Store { get; set; } = "";

    /// <summary>PostgreSQL connection string; empty = the cases' (<c>CallRouter:Cases:ConnectionString</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>SQLite file of escalations and their timers, relative to the data folder.</summary>
    public string DatabaseFile { get; set; } = "escalation.db";

    /// <summary>Who Mfr TS should ask for when it calls back (SOW-A 6.1 item 2).</summary>
    public string DeskContactName { get; set; } = "Help desk duty supervisor";

    /// <summary>The desk's call-back number given with every contact.</summary>
    public string DeskCallbackNumber { get; set; } = "+18005550199";
}
