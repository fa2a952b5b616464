namespace CallRouter.Routing;

/// <summary>Where a call the engine knows about currently is.</summary>
public enum CallState
{
    /// <summary>Waiting in its queue.</summary>
    Queued = 0,

    /// <summary>Offered to (reserved for) one agent, awaiting accept or decline.</summary>
    Offered = 1,

    /// <summary>Accepted by an agent; the engine forgets it when the call ends.</summary>
    Connected = 2,
}
