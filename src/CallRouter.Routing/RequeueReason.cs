namespace CallRouter.Routing;

/// <summary>Why a call went back to the front of its queue.</summary>
public enum RequeueReason
{
    /// <summary>Not a requeue.</summary>
    None = 0,

    /// <summary>The agent did not accept within the offer time-out.</summary>
    OfferExpired,

    /// <summary>The agent declined.</summary>
    Declined,

    /// <summary>The agent logged out (or was removed) while the call was reserved for them.</summary>
    AgentLoggedOut,

    /// <summary>The call had been accepted but the agent's leg failed (e.g. the softphone did not answer).</summary>
    AgentLegFailed,
}
