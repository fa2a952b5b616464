using System.Globalization;
using System.Text;
using System.Text.Json;
using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Reporting;

/// <summary>The storm's result: what was asked, what the callers, agents and core saw, and the service levels and latencies reached.</summary>
public sealed record StormReport
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public required DateTimeOffset StartedAt { get; init; }
    public required StormProfile Profile { get; init; }
    public required long Offered { get; init; }
    public required long Completed { get; init; }
    public required long Failed { get; init; }
    public required double FailurePercent { get; init; }
    public required long Answered { get; init; }
    public required long Abandoned { get; init; }
    public required long Returned { get; init; }
    /// <summary>Answered within the threshold ÷ (answered + abandoned), percent.</summary>
    public required double ServiceLevelPercent { get; init; }
    public required double ServiceLevelSeconds { get; init; }
    public required double AchievedRate { get; init; }
    public required Percentiles SetupMs { get; init; }
    public required Percentiles TimeToAgentMs { get; init; }
    public required long MaxConcurrentBridged { get; init; }
    public required long AgentLegsAnswered { get; init; }
    public required long AgentLegsBusy { get; init; }
    public required long AgentLegsNoAnswer { get; init; }
    public required long AgentLegsFailed { get; init; }
    public required long RtpPacketsSent { get; init; }
    public required long RtpPacketsReceived { get; init; }
    public required long RtpPacketsLost { get; init; }
    public required long RtpLostReportedByGateway { get; init; }
    public required long CallsWithGatewayReport { get; init; }
    /// <summary>Lost ÷ (received + lost) at the agents' softphones, from RTP sequence gaps, percent.</summary>
    public required double RtpLossPercent { get; init; }
    public required long CoreOffered { get; init; }
    public required long CoreAnswered { get; init; }
    public required double DurationSeconds { get; init; }

    public static StormReport Build(StormProfile profile, DateTimeOffset startedAt, StormObservations o)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(o);
        long failed = o.CallsFailed + o.CallsUnfinished;
        long offered = Math.Max(o.CallsCreated, o.CallsSucceeded + failed);
        long decided = o.CallsAnswered + o.CoreAbandoned;
        long rtpExpected = o.RtpPacketsReceived + o.RtpPacketsLost;
        return new StormReport
        {
            StartedAt = startedAt,
            Profile = profile,
            Offered = offered,
            Completed = o.CallsSucceeded,
            Failed = failed,
            FailurePercent = Percent(failed, offered),
            Answered = o.CallsAnswered,
            Abandoned = o.CoreAbandoned,
            Returned = o.CoreReturned,
            ServiceLevelPercent = Percent(o.AnsweredWithinServiceLevel, decided),
            ServiceLevelSeconds = profile.ServiceLevelSeconds,
            AchievedRate = o.PlacingSeconds > 0 ? Math.Round(offered / o.PlacingSeconds, 2) : 0,
            SetupMs = Percentiles.Of(o.SetupTimesMs),
            TimeToAgentMs = Percentiles.Of(o.TimeToAgentMs),
            MaxConcurrentBridged = o.MaxConcurrentBridged,
            AgentLegsAnswered = o.AgentLegsAnswered,
            AgentLegsBusy = o.AgentLegsBusy,
            AgentLegsNoAnswer = o.AgentLegsNoAnswer,
            AgentLegsFailed = o.AgentLegsFailed,
            RtpPacketsSent = o.RtpPacketsSent,
            RtpPacketsReceived = o.RtpPacketsReceived,
            RtpPacketsLost = o.RtpPacketsLost,
            RtpLostReportedByGateway = o.RtpLostReportedByGateway,
            CallsWithGatewayReport = o.CallsWithGatewayReport,
            RtpLossPercent = Percent(o.RtpPacketsLost, rtpExpected),
            CoreOffered = o.CoreOffered,
            CoreAnswered = o.CoreAnswered,
            DurationSeconds = Math.Round(o.TotalSeconds, 1),
        };
    }

    /// <summary>part ÷ whole as a percentage rounded to 3 decimals; 0 when there is no whole.</summary>
    public static double Percent(long part, long whole) => whole <= 0 ? 0 : Math.Round(100.0 * part / whole, 3);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The human table printed at the end of a storm.</summary>
    public string ToTable()
    {
        var c = CultureInfo.InvariantCulture;
        var t = new StringBuilder();
        void Row(string name, string value) => t.Append(c, $"| {name,-42} | {value,-40} |\n");
        t.Append(c, $"storm report ({StartedAt:yyyy-MM-dd HH:mm:ss}Z, {DurationSeconds} s): {Profile.CallRate} calls/s asked, {Profile.Calls} calls, {Profile.Agents} agents, talk {Profile.TalkSeconds} s\n");
        t.Append("| measure                                    | value                                    |\n");
        t.Append("| ------------------------------------------ | ---------------------------------------- |\n");
        Row("offered (SIPp calls placed)", $"{Offered} at {AchievedRate} calls/s");
        Row("completed without error (SIPp)", Completed.ToString(c));
        Row("failed", $"{Failed} ({FailurePercent} %)");
        Row("answered by an agent (bridged)", Answered.ToString(c));
        Row("abandoned (core)", Abandoned.ToString(c));
        Row("returned to the manufacturer (core)", Returned.ToString(c));
        Row($"service level (reached agent <= {ServiceLevelSeconds} s)", $"{ServiceLevelPercent} %");
        Row("setup INVITE->200 ms p50/p95/p99/max", Format(SetupMs));
        Row("INVITE->agent ms p50/p95/p99/max", Format(TimeToAgentMs));
        Row("concurrent bridged calls (max held)", MaxConcurrentBridged.ToString(c));
        Row("agent legs answered/busy/no answer/failed", $"{AgentLegsAnswered}/{AgentLegsBusy}/{AgentLegsNoAnswer}/{AgentLegsFailed}");
        Row("agent RTP sent/received/lost", $"{RtpPacketsSent}/{RtpPacketsReceived}/{RtpPacketsLost} ({RtpLossPercent} %)");
        Row("agent->gateway RTP lost (gateway's RTCP)", $"{RtpLostReportedByGateway} ({CallsWithGatewayReport} calls reported)");
        Row("core offered/answered", $"{CoreOffered}/{CoreAnswered}");
        return t.ToString();
    }

    private static string Format(Percentiles p) =>
        p.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{p.P50:0}/{p.P95:0}/{p.P99:0}/{p.Max:0} (n={p.Count})");
}
