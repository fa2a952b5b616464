namespace CallRouter.Routing;

/// <summary>What an agent may be offered: a level and the models the agent specialises in.</summary>
/// <param name="Level">The agent's level (L1 or L2).</param>
/// <param name="Models">Models the agent is a specialist for; may be empty for a generalist who only takes overflow.</param>
public sealed record AgentSkills(AgentLevel Level, IReadOnlyCollection<MachineModel> Models);
