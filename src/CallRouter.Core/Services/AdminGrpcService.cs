using CallRouter.Contracts.V1;
using CallRouter.Core.Auth;
using CallRouter.Core.Persistence;
using CallRouter.Core.Routing;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Domain = CallRouter.Routing;

namespace CallRouter.Core.Services;

/// <summary>Agents, the eligible machine list and overflow policy; changes apply at once, no restart.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class AdminGrpcService(RoutingCoordinator coordinator, UserDirectory users, TokenIssuer tokens) : AdminService.AdminServiceBase
{
    private const int MinimumPasswordLength = 8;

    public override Task<AgentProfile> UpsertAgent(UpsertAgentRequest request, ServerCallContext context)
    {
        AgentProfile profile = request.Profile ?? throw RoutingFailures.Invalid("profile is required");
        if (string.IsNullOrWhiteSpace(profile.AgentId) || profile.AgentId.Length > 64 || profile.AgentId.Any(char.IsWhiteSpace))
        {
            throw RoutingFailures.Invalid("profile.agent_id is required: up to 64 characters, no spaces");
        }

        Domain.AgentLevel level = profile.Level.ToDomain();
        if (level == Domain.AgentLevel.Unspecified)
        {
            throw RoutingFailures.Invalid("profile.level must be L1 or L2");
        }

        if (profile.Models.Any(m => m.ToDomain() == Domain.MachineModel.Unspecified))
        {
            throw RoutingFailures.Invalid("profile.models may only name NS-5, NS Remote, NS10 and NS100");
        }

        UserAccount? existing = users.Find(profile.AgentId);
        if (existing is not null && !existing.Roles.Overlaps([Roles.AgentL1, Roles.AgentL2]))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"'{profile.AgentId}' is a login that is not an agent"));
        }

        string passwordHash;
        if (!string.IsNullOrEmpty(request.Password))
        {
            if (request.Password.Length < MinimumPasswordLength)
            {
                throw RoutingFailures.Invalid($"password must be at least {MinimumPasswordLength} characters");
            }

            passwordHash = PasswordHasher.Hash(request.Password);
        }
        else
        {
            passwordHash = existing?.PasswordHash ?? throw RoutingFailures.Invalid("password is required for a new agent");
        }

        string displayName = string.IsNullOrWhiteSpace(profile.DisplayName) ? profile.AgentId : profile.DisplayName.Trim();
        var skills = new Domain.AgentSkills(level, profile.Models.Select(m => m.ToDomain()).Distinct().ToArray());
        coordinator.UpsertAgent(new StoredAgent(profile.AgentId, displayName, skills, passwordHash));
        string role = level == Domain.AgentLevel.L2 ? Roles.AgentL2 : Roles.AgentL1;
        users.Upsert(new UserAccount(profile.AgentId, displayName, passwordHash, new HashSet<string> { role }));
        if (existing is not null && !existing.Roles.Contains(role))
        {
            // The level changed: sessions holding the old role must log in again.
            tokens.RevokeAll(profile.AgentId);
        }

        return Task.FromResult(ProtoMapping.ToProfile(profile.AgentId, displayName, skills));
    }

    public override Task<RemoveAgentResponse> RemoveAgent(RemoveAgentRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.AgentId))
        {
            throw RoutingFailures.Invalid("agent_id is required");
        }

        coordinator.RemoveAgent(request.AgentId);
        users.Remove(request.AgentId);
        tokens.RevokeAll(request.AgentId);
        return Task.FromResult(new RemoveAgentResponse());
    }

    public override Task<ListAgentsResponse> ListAgents(ListAgentsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListAgentsResponse { Agents = { coordinator.ListAgents() } });

    public override Task<EligibleModels> GetEligibleModels(GetEligibleModelsRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(coordinator.EligibleModels()));

    public override Task<EligibleModels> SetEligibleModels(EligibleModels request, ServerCallContext context)
    {
        if (request.Models.Any(m => m.ToDomain() == Domain.MachineModel.Unspecified))
        {
            throw RoutingFailures.Invalid("models may only name NS-5, NS Remote, NS10 and NS100");
        }

        coordinator.SetEligibleModels(request.Models.Select(m => m.ToDomain()).Distinct().ToArray());
        return Task.FromResult(ToProto(coordinator.EligibleModels()));
    }

    public override Task<OverflowPolicy> GetOverflowPolicy(GetOverflowPolicyRequest request, ServerCallContext context) =>
        Task.FromResult(CurrentPolicy());

    public override Task<OverflowPolicy> SetOverflowPolicy(OverflowPolicy request, ServerCallContext context)
    {
        var changes = new List<(int Severity, Domain.OverflowPolicy Policy)>();
        foreach (SeverityOverflow severity in request.Severities)
        {
            if (severity.Severity is < 1 or > 4)
            {
                throw RoutingFailures.Invalid($"severity must be 1 to 4, got {severity.Severity}");
            }

            var steps = new List<Domain.OverflowStep>();
            foreach (OverflowStep step in severity.Steps)
            {
                if (step.After is null || step.Pool is OverflowPool.Unspecified or OverflowPool.ModelSpecialists)
                {
                    throw RoutingFailures.Invalid("each overflow step needs 'after' and a widening pool (any agent of level, or L2 helps L1)");
                }

                bool higherLevel = step.Pool == OverflowPool.L2HelpsL1;
                steps.Add(new Domain.OverflowStep(step.After.ToTimeSpan(), AnyModel: true, HigherLevel: higherLevel));
            }

            var policy = new Domain.OverflowPolicy(steps);
            if (policy.Validate() is { } problem)
            {
                throw RoutingFailures.Invalid($"severity {severity.Severity}: {problem}");
            }

            changes.Add((severity.Severity, policy));
        }

        // Validated in full first, so a bad entry changes nothing.
        foreach (var (severity, policy) in changes)
        {
            coordinator.SetOverflowPolicy(severity, policy);
        }

        return Task.FromResult(CurrentPolicy());
    }

    private OverflowPolicy CurrentPolicy()
    {
        var reply = new OverflowPolicy();
        for (int severity = 1; severity <= 4; severity++)
        {
            var entry = new SeverityOverflow { Severity = severity };
            foreach (Domain.OverflowStep step in coordinator.GetOverflowPolicy(severity).Steps)
            {
                entry.Steps.Add(new OverflowStep
                {
                    After = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(step.After),
                    Pool = step.HigherLevel ? OverflowPool.L2HelpsL1 : OverflowPool.AnyAgentOfLevel,
                });
            }

            reply.Severities.Add(entry);
        }

        return reply;
    }

    private static EligibleModels ToProto(IEnumerable<Domain.MachineModel> models) =>
        new() { Models = { models.Select(m => m.ToProto()) } };
}
