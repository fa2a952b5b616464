namespace CallRouter.Routing;

/// <summary>Point-in-time view of one agent.</summary>
/// <param name="AgentId">The agent id.</param>
/// <param name="Skills">Level and model skills.</param>
/// <param name="State">Current state.</param>
/// <param name="NotReadyReason">Reason when not ready, otherwise null.</param>
/// <param name="CallId">Call reserved for or connected to the agent, otherwise null.</param>
/// <param name="StateSince">When the agent entered the current state.</param>
/// <param name="MissedOffersInARow">Offers timed out since the last accepted one.</param>
public sealed record AgentSnapshot(
    string AgentId,
    AgentSkills Skills,
    AgentState State,
    string? NotReadyReason,
    string? CallId,
    DateTimeOffset StateSince,
    int MissedOffersInARow);
