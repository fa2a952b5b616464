namespace CallRouter.Routing;

/// <content>Administration: agents and their skills, the eligible machine list, overflow policies; read-only views.</content>
public sealed partial class RoutingEngine
{
    /// <summary>Creates an agent, offline.</summary>
    /// <param name="agentId">Unique, non-empty id (typically the login name).</param>
    /// <param name="skills">Level and models.</param>
    /// <returns>MissingAgentId, InvalidSkills; DuplicateAgent.</returns>
    public RoutingResult AddAgent(string? agentId, AgentSkills? skills) => throw new NotImplementedException();

    /// <summary>Replaces an agent's skills; applies to the next offer (a pending offer or call is not affected).</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="skills">Level and models.</param>
    /// <returns>UnknownAgent, InvalidSkills.</returns>
    public RoutingResult UpdateAgentSkills(string? agentId, AgentSkills? skills) => throw new NotImplementedException();

    /// <summary>Deletes an agent, which must be offline.</summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>UnknownAgent; InvalidAgentState when logged in.</returns>
    public RoutingResult RemoveAgent(string? agentId) => throw new NotImplementedException();

    /// <summary>
    /// Replaces the eligible machine list (SPEC R2, no restart). Calls already queued for a model that leaves the
    /// list stay queued: they were accepted under the old list.
    /// </summary>
    /// <param name="models">The new list; may be empty, must not contain Unspecified or unknown values.</param>
    /// <returns>InvalidPolicy.</returns>
    public RoutingResult SetEligibleModels(IEnumerable<MachineModel>? models) => throw new NotImplementedException();

    /// <summary>True when calls for the model are currently accepted.</summary>
    /// <param name="model">The model.</param>
    public bool IsEligible(MachineModel model) => throw new NotImplementedException();

    /// <summary>Replaces the overflow policy of one severity; waiting calls of that severity follow it at once.</summary>
    /// <param name="severity">Severity 1–4.</param>
    /// <param name="policy">The policy (see <see cref="OverflowPolicy.Validate"/>).</param>
    /// <returns>SeverityOutOfRange, InvalidPolicy.</returns>
    public RoutingResult SetOverflowPolicy(int severity, OverflowPolicy? policy) => throw new NotImplementedException();

    /// <summary>The overflow policy in force for a severity.</summary>
    /// <param name="severity">Severity 1–4.</param>
    /// <exception cref="ArgumentOutOfRangeException">Severity outside 1–4.</exception>
    public OverflowPolicy GetOverflowPolicy(int severity) => throw new NotImplementedException();

    /// <summary>Snapshot of one agent, or null when unknown.</summary>
    /// <param name="agentId">The agent.</param>
    public AgentSnapshot? GetAgent(string? agentId) => throw new NotImplementedException();

    /// <summary>Snapshots of all agents, ordered by id.</summary>
    public IReadOnlyList<AgentSnapshot> GetAgents() => throw new NotImplementedException();

    /// <summary>Live statistics: waiting per queue, longest wait, agents per state, today's counters.</summary>
    public RoutingStatistics GetStatistics() => throw new NotImplementedException();
}
