namespace CallRouter.Media.Bridging;

/// <summary>What a bridge does with RFC 4733 events coming from either leg.</summary>
public enum DtmfBridgeMode
{
    /// <summary>Relay events to the other leg (payload type rewritten); the gateway does not see them.</summary>
    Pass,

    /// <summary>Do not relay; report digits on the leg they came from (e.g. an in-call feature code).</summary>
    Intercept,

    /// <summary>Relay and report.</summary>
    PassAndReport,
}
