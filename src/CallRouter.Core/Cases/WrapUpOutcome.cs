using CallRouter.Cases.Domain;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Cases;

/// <summary>An agent's wrap-up of a call: what it means for the call's case.</summary>
public sealed record WrapUpOutcome(string CallId, string AgentId, Role AgentRole, Proto.Disposition Disposition, string Notes);
