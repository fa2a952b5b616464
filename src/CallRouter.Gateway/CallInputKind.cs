namespace CallRouter.Gateway;

public enum CallInputKind
{
    /// <summary>An event of the routing core for this call.</summary>
    Routing,

    /// <summary>The caller pressed a key (RFC 4733 or SIP INFO).</summary>
    Digit,

    /// <summary>The caller's leg ended (BYE, CANCEL, time-out).</summary>
    CallerGone,

    /// <summary>The agent's leg ended.</summary>
    AgentGone,

    /// <summary>The agent's softphone changed hold by re-INVITE (<see cref="CallInput.Held"/>).</summary>
    AgentHold,

    /// <summary>The core's event stream ended or failed.</summary>
    RoutingLost,
}
