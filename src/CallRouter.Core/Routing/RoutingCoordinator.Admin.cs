using CallRouter.Core.Auth;
using CallRouter.Core.Persistence;
using CallRouter.Routing;
using Google.Protobuf.WellKnownTypes;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <content>Administration and statistics: agents, eligible list, overflow policy, snapshots.</content>
public sealed partial class RoutingCoordinator
{
    /// <summary>
    /// Loads agents into the engine at start-up: stored (administered) agents first, then
    /// agents from configuration that are not stored; and the stored eligible list and overflow policies.
    /// </summary>
    public void Bootstrap(IEnumerable<StoredAgent> configuredAgents)
    {
        lock (_gate)
        {
            var stored = _repository.LoadAgents();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (StoredAgent agent in stored.Concat(configuredAgents))
            {
                if (seen.Add(agent.AgentId))
                {
                    RoutingFailures.ThrowIfFailed(_engine.AddAgent(agent.AgentId, agent.Skills));
                    _agentNames[agent.AgentId] = agent.DisplayName;
                }
            }

            if (_repository.LoadEligibleModels() is { } eligible)
            {
                RoutingFailures.ThrowIfFailed(_engine.SetEligibleModels(eligible));
            }

            for (int severity = 1; severity <= 4; severity++)
            {
                if (_repository.LoadOverflowPolicy(severity) is { } policy)
                {
                    RoutingFailures.ThrowIfFailed(_engine.SetOverflowPolicy(severity, policy));
                }
            }
        }
    }

    /// <summary>Creates or updates an agent's profile and skills; persisted before it is applied.</summary>
    public void UpsertAgent(StoredAgent agent)
    {
        lock (_gate)
        {
            RoutingResult result = _engine.GetAgent(agent.AgentId) is null
                ? _engine.AddAgent(agent.AgentId, agent.Skills)
                : _engine.UpdateAgentSkills(agent.AgentId, agent.Skills);
            RoutingFailures.ThrowIfFailed(result);
            _repository.SaveAgent(agent);
            _agentNames[agent.AgentId] = agent.DisplayName;
        }
    }

    public void RemoveAgent(string agentId)
    {
        lock (_gate)
        {
            RoutingFailures.ThrowIfFailed(_engine.RemoveAgent(agentId));
            _repository.DeleteAgent(agentId);
            _agentNames.Remove(agentId);
        }
    }

    public IReadOnlyList<Proto.AgentProfile> ListAgents()
    {
        lock (_gate)
        {
            return _engine.GetAgents()
                .Select(a => ProtoMapping.ToProfile(a.AgentId, _agentNames.GetValueOrDefault(a.AgentId, a.AgentId), a.Skills))
                .ToList();
        }
    }

    public IReadOnlyCollection<MachineModel> EligibleModels()
    {
        lock (_gate)
        {
            return _engine.EligibleModels.Order().ToArray();
        }
    }

    public void SetEligibleModels(IReadOnlyCollection<MachineModel> models)
    {
        lock (_gate)
        {
            RoutingFailures.ThrowIfFailed(_engine.SetEligibleModels(models));
            _repository.SaveEligibleModels(models);
        }
    }

    public OverflowPolicy GetOverflowPolicy(int severity)
    {
        lock (_gate)
        {
            return _engine.GetOverflowPolicy(severity);
        }
    }

    public void SetOverflowPolicy(int severity, OverflowPolicy policy)
    {
        lock (_gate)
        {
            RoutingFailures.ThrowIfFailed(_engine.SetOverflowPolicy(severity, policy));
            _repository.SaveOverflowPolicy(severity, policy);
            AfterOperation();
        }
    }

    public Proto.StatisticsSnapshot Snapshot()
    {
        RoutingStatistics stats;
        lock (_gate)
        {
            stats = _engine.GetStatistics();
        }

        var snapshot = new Proto.StatisticsSnapshot
        {
            At = Timestamp.FromDateTimeOffset(stats.At),
            CallsOfferedToday = stats.CallsOfferedToday,
            CallsAnsweredToday = stats.CallsAnsweredToday,
            CallsAbandonedToday = stats.CallsAbandonedToday,
            CallsReturnedToday = _metrics.ReturnedToday(stats.Day),
            CallsWaiting = stats.Queues.Sum(q => q.Waiting),
            LongestWait = Duration.FromTimeSpan(stats.LongestWait),
        };
        snapshot.Queues.AddRange(stats.Queues.Select(q => new Proto.QueueStatistics
        {
            Queue = ProtoMapping.QueueKey(q.Model, q.Severity, q.Level),
            Waiting = q.Waiting,
            LongestWait = Duration.FromTimeSpan(q.LongestWait),
        }));
        snapshot.Agents.AddRange(stats.AgentsByState
            .OrderBy(kv => kv.Key)
            .Select(kv => new Proto.AgentStateCount { State = kv.Key.ToProto(), Count = kv.Value }));
        return snapshot;
    }

    /// <summary>The agents configured in <see cref="AuthOptions"/>: every seed user holding an agent role.</summary>
    public static IEnumerable<StoredAgent> AgentsFromConfiguration(IEnumerable<UserAccount> accounts, IEnumerable<SeedUser> seeds)
    {
        var byName = accounts.ToDictionary(a => a.UserName, StringComparer.OrdinalIgnoreCase);
        foreach (SeedUser seed in seeds)
        {
            AgentLevel level = seed.Roles.Contains(Roles.AgentL2) ? AgentLevel.L2
                : seed.Roles.Contains(Roles.AgentL1) ? AgentLevel.L1
                : AgentLevel.Unspecified;
            if (level == AgentLevel.Unspecified || !byName.TryGetValue(seed.UserName, out UserAccount? account))
            {
                continue;
            }

            var models = new List<MachineModel>();
            foreach (string name in seed.Models)
            {
                models.Add(MachineModelNames.TryParse(name, out MachineModel model)
                    ? model
                    : throw new InvalidOperationException($"agent '{seed.UserName}' names an unknown model '{name}'"));
            }

            yield return new StoredAgent(account.UserName, account.DisplayName, new AgentSkills(level, models), account.PasswordHash);
        }
    }
}
