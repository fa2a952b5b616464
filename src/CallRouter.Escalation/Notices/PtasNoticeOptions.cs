namespace CallRouter.Escalation.Notices;

/// <summary>
/// Configuration section <c>Escalation:PtasNotices</c>: who may push "cannot reach" notices.
/// A notice is accepted only from an allowed peer address and, when <see cref="Token"/> is set,
/// only with <c>Authorization: Bearer &lt;token&gt;</c>.
/// </summary>
public sealed class PtasNoticeOptions
{
    public const string SectionName = "PtasNotices";

    /// <summary>Peer addresses allowed to post; empty means loopback only (127.0.0.1 and ::1).</summary>
    public IList<string> AllowedPeers { get; } = [];

    /// <summary>Shared secret the PTAS sends as a bearer token; empty means no token is asked for (peer check only).</summary>
    public string? Token { get; set; }
}
