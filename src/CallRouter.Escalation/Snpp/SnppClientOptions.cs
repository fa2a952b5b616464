namespace CallRouter.Escalation.Snpp;

/// <summary>Configuration section <c>Escalation:Snpp</c>: where the PTAS / paging gateway listens.</summary>
public sealed class SnppClientOptions
{
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>RFC 1861 registers port 444 for SNPP.</summary>
    public int Port { get; set; } = 444;

    /// <summary>Bound on one whole exchange (connect, commands, QUIT).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
