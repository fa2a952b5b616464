namespace CallRouter.Gateway;

/// <summary>Configuration section <c>CallRouter:Gateway</c>: everything the SIP gateway needs apart from the SIP stack itself.</summary>
public sealed class GatewayOptions
{
    public const string Section = "CallRouter:Gateway";

    /// <summary>Source IP addresses of the manufacturer's switch; an INVITE from anywhere else gets 403 (SPEC R1).</summary>
    public string[] AllowedPeers { get; set; } = ["127.0.0.1"];

    /// <summary>Digest authentication of the switch's INVITEs besides the allow-list; off by default.</summary>
    public PeerAuthenticationOptions PeerAuthentication { get; set; } = new();

    public ContextHeaderNames Headers { get; set; } = new();

    public ReturnMode ReturnMode { get; set; } = ReturnMode.Refer;

    /// <summary>Where a call not for the desk goes back to (the switch's return number).</summary>
    public string ReturnAddress { get; set; } = "sip:return@127.0.0.1:5090";

    /// <summary>
    /// The routing core's gRPC address; the gateway is its client even inside the all-in-one server. Empty means
    /// this process's own listener (CallRouter:Server:GrpcAddress and GrpcPort).
    /// </summary>
    public string CoreAddress { get; set; } = "";

    public string ServiceAccount { get; set; } = "gateway";

    public string ServiceAccountPassword { get; set; } = "";

    /// <summary>Softphone digest credentials, agent id → password; empty accepts REGISTER without authentication.</summary>
    public Dictionary<string, string> AgentCredentials { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Hosts under which agents register ("sip:alice@127.0.0.1"); used to look up the contact to call.</summary>
    public string[] AgentDomains { get; set; } = ["127.0.0.1", "callrouter"];

    /// <summary>How long an agent's softphone may ring before the leg counts as failed and the core requeues the call.</summary>
    public TimeSpan AgentAnswerTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often a caller on hold hears position and expected wait.</summary>
    public TimeSpan AnnouncementInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IvrOptions Ivr { get; set; } = new();

    public VoicemailOptions Voicemail { get; set; } = new();

    public RecordingShareOptions Recording { get; set; } = new();

    /// <summary>How long calls in progress may go on after shutdown begins; new INVITEs get 503 meanwhile.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int DrainRetryAfterSeconds { get; set; } = 30;

    /// <summary>Calling numbers (From user part) of the manufacturer's own staff: their calls are about a case and not billed (SPEC R11).</summary>
    public string[] ManufacturerNumbers { get; set; } = [];

    /// <summary>The manufacturer's Level 3 line, target of a transfer to Mfr TS (SPEC R6).</summary>
    public string ManufacturerSupportAddress { get; set; } = "sip:mfr-ts@127.0.0.1:5090";

    /// <summary>RTP port range and bind address of the gateway's media.</summary>
    public int RtpPortStart { get; set; } = 20000;

    public int RtpPortEnd { get; set; } = 29999;

    public string RtpAddress { get; set; } = "127.0.0.1";
}
