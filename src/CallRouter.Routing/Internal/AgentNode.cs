namespace CallRouter.Routing.Internal;

/// <summary>
/// Membership of one agent in one <see cref="AgentList"/>. Each agent owns its nodes for life, so linking and
/// unlinking never allocates.
/// </summary>
internal sealed class AgentNode
{
    public AgentNode(AgentEntry agent) => Agent = agent;

    public AgentEntry Agent { get; }

    public AgentNode? Previous { get; set; }

    public AgentNode? Next { get; set; }

    public AgentList? List { get; set; }
}
