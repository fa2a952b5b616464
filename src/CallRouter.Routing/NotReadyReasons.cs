namespace CallRouter.Routing;

/// <summary>Reasons the engine itself puts on an agent in <see cref="AgentState.NotReady"/>.</summary>
public static class NotReadyReasons
{
    /// <summary>Set on log-in: an agent starts not ready until the console asks for available.</summary>
    public const string LoggedIn = "logged in";

    /// <summary>Set after <see cref="RoutingOptions.MaxMissedOffers"/> offers in a row timed out.</summary>
    public const string MissedOffers = "missed offers";

    /// <summary>Set after the agent declined an offer (when <see cref="RoutingOptions.DeclineSetsNotReady"/> is on).</summary>
    public const string DeclinedOffer = "declined offer";
}
