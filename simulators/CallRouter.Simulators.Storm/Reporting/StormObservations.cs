namespace CallRouter.Simulators.Storm.Reporting;

/// <summary>Everything measured during one storm, before any arithmetic: the callers' (SIPp), the agents' and the core's counts.</summary>
public sealed record StormObservations
{
    public required long CallsCreated { get; init; }
    public required long CallsSucceeded { get; init; }
    public required long CallsFailed { get; init; }
    /// <summary>Calls SIPp had not finished when the storm stopped (counted as failed).</summary>
    public required long CallsUnfinished { get; init; }
    public required IReadOnlyCollection<double> SetupTimesMs { get; init; }
    public required IReadOnlyCollection<double> TimeToAgentMs { get; init; }
    public required long CallsAnswered { get; init; }
    public required long AnsweredWithinServiceLevel { get; init; }
    public required long CoreAbandoned { get; init; }
    public required long CoreOffered { get; init; }
    public required long CoreAnswered { get; init; }
    public required long CoreReturned { get; init; }
    public required long MaxConcurrentBridged { get; init; }
    public required long AgentLegsAnswered { get; init; }
    public required long AgentLegsBusy { get; init; }
    public required long AgentLegsNoAnswer { get; init; }
    public required long AgentLegsFailed { get; init; }
    public required long RtpPacketsSent { get; init; }
    public required long RtpPacketsReceived { get; init; }
    public required long RtpPacketsLost { get; init; }
    /// <summary>Agent → gateway packets the gateway reported lost (RTCP), to tell the two directions apart.</summary>
    public long RtpLostReportedByGateway { get; init; }
    /// <summary>Calls for which the gateway's RTCP report reached the softphone at all.</summary>
    public long CallsWithGatewayReport { get; init; }
    /// <summary>From the first call placed to the last one placed.</summary>
    public required double PlacingSeconds { get; init; }
    public required double TotalSeconds { get; init; }
}
