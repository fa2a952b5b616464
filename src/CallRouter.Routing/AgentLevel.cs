namespace CallRouter.Routing;

/// <summary>Support level of an agent, and the level a call is queued for.</summary>
public enum AgentLevel
{
    /// <summary>No level given; always rejected by the engine.</summary>
    Unspecified = 0,

    /// <summary>Level 1: first-line support, where new calls are queued.</summary>
    L1 = 1,

    /// <summary>Level 2: deeper support; takes L2 calls and, after an overflow step allows it, L1 calls.</summary>
    L2 = 2,
}
