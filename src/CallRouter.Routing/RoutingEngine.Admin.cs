using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <content>Administration: agents and their skills, the eligible machine list, overflow policies; read-only views.</content>
public sealed partial class RoutingEngine
{
    /// <summary>Creates an agent, offline.</summary>
    /// <param name="agentId">Unique, non-empty id (typically the login name).</param>
    /// <param name="skills">Level and models.</param>
    /// <returns>MissingAgentId, InvalidSkills; DuplicateAgent.</returns>
    public RoutingResult AddAgent(string? agentId, AgentSkills? skills)
    {
        var now = Now();
        ProcessDue(now);
        if (string.IsNullOrWhiteSpace(agentId))
        {
            return RoutingResult.Fail(RoutingError.MissingAgentId, "agent id is required");
        }

        var problem = ValidateSkills(skills);
        if (!problem.IsSuccess)
        {
            return problem;
        }

        if (_agents.ContainsKey(agentId))
        {
            return RoutingResult.Fail(RoutingError.DuplicateAgent, $"agent '{agentId}' already exists");
        }

        _agents.Add(agentId, new AgentEntry(agentId, skills!) { State = AgentState.Offline, StateSinceTicks = now });
        return RoutingResult.Ok;
    }

    /// <summary>
    /// Replaces an agent's skills. An available agent keeps their place in the availability order and may be
    /// offered a call at once; a pending offer or call is not affected.
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="skills">Level and models.</param>
    /// <returns>MissingAgentId, InvalidSkills; UnknownAgent.</returns>
    public RoutingResult UpdateAgentSkills(string? agentId, AgentSkills? skills)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpAgent(agentId, out var agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        var problem = ValidateSkills(skills);
        if (!problem.IsSuccess)
        {
            return problem;
        }

        var available = agent.State == AgentState.Available;
        if (available)
        {
            RemoveFromAvailable(agent);
        }

        if (agent.IsLoggedIn)
        {
            AdjustStaffed(agent, -1);
        }

        agent.SetSkills(skills!);
        if (agent.IsLoggedIn)
        {
            AdjustStaffed(agent, +1);
        }

        if (available)
        {
            LinkAvailable(agent, ordered: true);
            Settle(now);
        }

        return RoutingResult.Ok;
    }

    /// <summary>Deletes an agent, which must be offline.</summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>MissingAgentId; UnknownAgent; InvalidAgentState when logged in.</returns>
    public RoutingResult RemoveAgent(string? agentId)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpAgent(agentId, out var agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        if (agent.IsLoggedIn)
        {
            return WrongState(agent, "be removed");
        }

        _agents.Remove(agent.AgentId);
        return RoutingResult.Ok;
    }

    /// <summary>
    /// Replaces the eligible machine list (SPEC R2, no restart). Calls already queued for a model that leaves the
    /// list stay queued: they were accepted under the old list.
    /// </summary>
    /// <param name="models">The new list; may be empty, must not contain Unspecified or unknown values.</param>
    /// <returns>InvalidPolicy.</returns>
    public RoutingResult SetEligibleModels(IEnumerable<MachineModel>? models)
    {
        ProcessDue(Now());
        var list = models?.ToArray();
        var problem = ValidateModels(list);
        if (problem is not null)
        {
            return RoutingResult.Fail(RoutingError.InvalidPolicy, problem);
        }

        Array.Clear(_eligible);
        foreach (var model in list!)
        {
            _eligible[(int)model] = true;
        }

        return RoutingResult.Ok;
    }

    /// <summary>True when calls for the model are currently accepted.</summary>
    /// <param name="model">The model.</param>
    public bool IsEligible(MachineModel model) => model is >= MachineModel.Ns5 and <= MachineModel.Ns100 && _eligible[(int)model];

    /// <summary>
    /// Replaces the overflow policy of one severity; waiting calls of that severity follow it at once (steps
    /// already reached under the new policy are announced, and offers it allows are made).
    /// </summary>
    /// <param name="severity">Severity 1–4.</param>
    /// <param name="policy">The policy (see <see cref="OverflowPolicy.Validate"/>).</param>
    /// <returns>SeverityOutOfRange, InvalidPolicy.</returns>
    public RoutingResult SetOverflowPolicy(int severity, OverflowPolicy? policy)
    {
        var now = Now();
        ProcessDue(now);
        if (severity is < 1 or > SeverityCount)
        {
            return RoutingResult.Fail(RoutingError.SeverityOutOfRange, $"severity must be 1 to 4, got {severity}");
        }

        var problem = policy is null ? "the overflow policy is missing" : policy.Validate();
        if (problem is not null)
        {
            return RoutingResult.Fail(RoutingError.InvalidPolicy, problem);
        }

        // Copy the steps so that later changes to the caller's object cannot bypass validation.
        var compiled = new CompiledPolicy(new OverflowPolicy(policy!.Steps));
        _policies[severity - 1] = compiled;
        foreach (var queue in _queues)
        {
            if (queue.Severity != severity)
            {
                continue;
            }

            // Re-base every waiting call on the new policy: announce steps it has already reached, and forget
            // steps it reached only under the old one, so that their crossing under the new policy is still a
            // deadline. Due steps fall along the queue, so the rebuilt cursors are suffixes again.
            for (var call = queue.Head; call is not null; call = call.Next)
            {
                var due = compiled.DueStep(now - call.EnqueuedTicks);
                var announce = due > call.AnnouncedStep;
                call.AnnouncedStep = due;
                if (announce)
                {
                    EmitCall(RoutingEventKind.CallOverflowed, call, now, overflowStep: due);
                }
            }

            queue.ResetCursors();
        }

        _overflowDeadlineStale = true;
        Settle(now);
        return RoutingResult.Ok;
    }

    /// <summary>The overflow policy in force for a severity.</summary>
    /// <param name="severity">Severity 1–4.</param>
    /// <exception cref="ArgumentOutOfRangeException">Severity outside 1–4.</exception>
    public OverflowPolicy GetOverflowPolicy(int severity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(severity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(severity, SeverityCount);
        return _policies[severity - 1].Source;
    }

    /// <summary>Snapshot of one agent, or null when unknown.</summary>
    /// <param name="agentId">The agent.</param>
    public AgentSnapshot? GetAgent(string? agentId)
    {
        ProcessDue(Now());
        return agentId is not null && _agents.TryGetValue(agentId, out var agent) ? Snapshot(agent) : null;
    }

    /// <summary>Snapshots of all agents, ordered by id (ordinal).</summary>
    public IReadOnlyList<AgentSnapshot> GetAgents()
    {
        ProcessDue(Now());
        return _agents.Values.OrderBy(a => a.AgentId, StringComparer.Ordinal).Select(Snapshot).ToArray();
    }

    private static AgentSnapshot Snapshot(AgentEntry agent) => new(
        agent.AgentId,
        agent.Skills,
        agent.State,
        agent.Reason,
        agent.Call?.CallId,
        At(agent.StateSinceTicks),
        agent.MissedInARow);

    private static RoutingResult ValidateSkills(AgentSkills? skills)
    {
        if (skills is null || skills.Models is null)
        {
            return RoutingResult.Fail(RoutingError.InvalidSkills, "skills (level and models) are required");
        }

        if (skills.Level is not (AgentLevel.L1 or AgentLevel.L2))
        {
            return RoutingResult.Fail(RoutingError.InvalidSkills, $"agent level must be L1 or L2, got {skills.Level}");
        }

        var problem = ValidateModels(skills.Models);
        return problem is null ? RoutingResult.Ok : RoutingResult.Fail(RoutingError.InvalidSkills, problem);
    }
}
