namespace CallRouter.Simulators.Storm.Profile;

/// <summary>
/// What one storm does (SPEC R17): where the server is, how callers arrive and behave, and how many
/// simulated agents answer and how. Read from a JSON file (camelCase keys) and command-line overrides;
/// <see cref="ProfileValidator"/> says what is wrong with it. Durations are in seconds.
/// </summary>
public sealed record StormProfile
{
    /// <summary>The server's gRPC address (routing core, auth, admin, agent consoles).</summary>
    public string GrpcAddress { get; init; } = "http://127.0.0.1:50051";

    /// <summary>The gateway's SIP address, host:port (IP literal; loopback only).</summary>
    public string SipServer { get; init; } = "127.0.0.1:5060";

    /// <summary>Admin login used to create the storm's agent accounts (AdminService.UpsertAgent).</summary>
    public string AdminUser { get; init; } = "admin";

    public string AdminPassword { get; init; } = "demo-admin";

    /// <summary>Supervisor login used to read the core's live counters for progress and the report.</summary>
    public string SupervisorUser { get; init; } = "supervisor";

    public string SupervisorPassword { get; init; } = "demo-supervisor";

    /// <summary>New calls per second (SIPp callers).</summary>
    public double CallRate { get; init; } = 2;

    /// <summary>How many calls in total; the storm stops placing calls after that many.</summary>
    public int Calls { get; init; } = 20;

    /// <summary>Hard bound on the whole storm (set-up, calls, drain), after which everything is stopped.</summary>
    public double MaxDurationSeconds { get; init; } = 600;

    /// <summary>How long a caller waits for the end of the call before hanging up (counted from the end of its IVR digits).</summary>
    public double PatienceSeconds { get; init; } = 120;

    /// <summary>Share of each model among callers: model name as the switch sends it → weight.</summary>
    public Dictionary<string, double> Models { get; init; } = new(StringComparer.Ordinal) { ["NS10"] = 1 };

    /// <summary>Share of each severity (1–4) among callers → weight.</summary>
    public Dictionary<int, double> Severities { get; init; } = new() { [2] = 1 };

    /// <summary>
    /// How callers press their IVR keys: "rfc4733" (telephone-events from short pcaps, the default) or
    /// "info" (SIP INFO, application/dtmf-relay). See <c>Callers/CallerScenario</c>.
    /// </summary>
    public string Digits { get; init; } = "rfc4733";

    /// <summary>Number of simulated agents (logged in, softphone registered, ready).</summary>
    public int Agents { get; init; } = 5;

    /// <summary>Agent ids are this prefix and a 4-digit number (lower case, no spaces): storm0001, storm0002…</summary>
    public string AgentPrefix { get; init; } = "storm";

    /// <summary>Console and softphone password of every storm agent (at least 8 characters).</summary>
    public string AgentPassword { get; init; } = "storm-agent-password";

    /// <summary>Create or update the storm agents through AdminService before starting (needs the admin login).</summary>
    public bool CreateAgents { get; init; } = true;

    /// <summary>REGISTER the softphones with digest (the server must know their SIP passwords: see docs/storm.md).
    /// When false, the consoles give the softphone contact at login instead.</summary>
    public bool RegisterSoftphones { get; init; } = true;

    /// <summary>Time between an offer on the console and accepting it.</summary>
    public double ThinkSeconds { get; init; } = 0.2;

    /// <summary>Talk time: the agent hangs up this long after answering.</summary>
    public double TalkSeconds { get; init; } = 10;

    /// <summary>After-call work before the agent sends WrapUp and is ready again.</summary>
    public double WrapUpSeconds { get; init; } = 1;

    /// <summary>Share of agent-leg INVITEs the softphone lets ring (the gateway cancels after its answer time-out).</summary>
    public double NoAnswerShare { get; init; }

    /// <summary>Share of agent-leg INVITEs the softphone answers 486 Busy Here.</summary>
    public double BusyShare { get; init; }

    /// <summary>An answered call counts within the service level when the caller reached the agent within this many seconds of its INVITE (IVR included).</summary>
    public double ServiceLevelSeconds { get; init; } = 30;

    /// <summary>Local address for the tool's SIP and RTP sockets (loopback).</summary>
    public string LocalAddress { get; init; } = "127.0.0.1";

    /// <summary>UDP port of the agents' shared softphone endpoint; 0 = any free port.</summary>
    public int SoftphonePort { get; init; }

    /// <summary>RTP port range of the agents' softphones.</summary>
    public int AgentRtpPortStart { get; init; } = 40000;

    public int AgentRtpPortEnd { get; init; } = 49999;

    /// <summary>Receive threads of the softphones' RTP (CallRouter.Media's epoll path on Linux); 0 = the media library's default (one per core).</summary>
    public int AgentRtpReceiveThreads { get; init; }

    /// <summary>First UDP port for the SIPp callers (one SIP port and one media port block per severity); 0 = free ports.</summary>
    public int CallerPortBase { get; init; }

    /// <summary>Path of the sipp binary; empty = /usr/bin/sipp or /usr/local/bin/sipp.</summary>
    public string Sipp { get; init; } = "";

    /// <summary>Where the JSON report is written; empty = only the table on stdout.</summary>
    public string ReportFile { get; init; } = "storm-report.json";

    /// <summary>Seed for the model mix and the agents' behaviour draws (same seed, same mix).</summary>
    public int Seed { get; init; } = 1;

    public string AgentId(int index) => $"{AgentPrefix}{index + 1:D4}";
}
