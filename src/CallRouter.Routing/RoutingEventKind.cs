namespace CallRouter.Routing;

/// <summary>What a <see cref="RoutingEvent"/> reports.</summary>
public enum RoutingEventKind
{
    /// <summary>A new call entered its queue. Position, ExpectedWait.</summary>
    CallQueued = 1,

    /// <summary>A call went back to the front of its queue (offer expired or declined, agent logged out). AgentId = the agent it was taken from, Position, ExpectedWait, RequeueReason.</summary>
    CallRequeued,

    /// <summary>A call was offered to (reserved for) an agent. AgentId, Deadline = offer expiry.</summary>
    CallOffered,

    /// <summary>An offer timed out. AgentId.</summary>
    OfferExpired,

    /// <summary>An agent declined an offer. AgentId.</summary>
    OfferDeclined,

    /// <summary>A waiting call reached a further overflow step. OverflowStep.</summary>
    CallOverflowed,

    /// <summary>An agent accepted the offer; the host now bridges the call. AgentId, Duration = time waited.</summary>
    CallAccepted,

    /// <summary>The caller left (hung up or went to voicemail) before being answered. Duration = time waited; AgentId if it was offered.</summary>
    CallAbandoned,

    /// <summary>A connected call ended. AgentId, Duration = talk time.</summary>
    CallEnded,

    /// <summary>An agent changed state. AgentId, AgentState, Reason (for not ready).</summary>
    AgentStateChanged,

    /// <summary>
    /// The agent sent their connected call to the L2 queue: the same call (id, arrival time, answered count) now waits
    /// there and the agent enters wrap-up. AgentId = that agent, Level = L2, Duration = talk time with that agent,
    /// Position, ExpectedWait. Not a CallQueued: the call is not offered (arrived) again.
    /// </summary>
    CallTransferred,
}
