namespace CallRouter.Routing;

/// <content>Agent console operations: log in/out, state changes, accept and decline.</content>
public sealed partial class RoutingEngine
{
    /// <summary>Offline → not ready (<see cref="NotReadyReasons.LoggedIn"/>). The console then asks for available.</summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>UnknownAgent; InvalidAgentState when already logged in.</returns>
    public RoutingResult LogIn(string? agentId) => throw new NotImplementedException();

    /// <summary>
    /// Makes the agent available (from not ready, or from wrap-up ending it early) and offers the best waiting call
    /// the agent qualifies for, if any. Available → available is a no-op success.
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>UnknownAgent; InvalidAgentState when offline, reserved or on a call.</returns>
    public RoutingResult SetAvailable(string? agentId) => throw new NotImplementedException();

    /// <summary>Makes the agent not ready with a reason (from available, not ready or wrap-up).</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="reason">Why, e.g. "break"; required.</param>
    /// <returns>UnknownAgent, MissingReason; InvalidAgentState when offline, reserved or on a call.</returns>
    public RoutingResult SetNotReady(string? agentId, string? reason) => throw new NotImplementedException();

    /// <summary>
    /// Logs the agent out. A call reserved for the agent goes back to the front of its queue (CallRequeued).
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>UnknownAgent; InvalidAgentState when offline or on a call (end the call first).</returns>
    public RoutingResult LogOut(string? agentId) => throw new NotImplementedException();

    /// <summary>Accepts the pending offer: agent on call, call connected. Emits CallAccepted.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="callId">The offered call.</param>
    /// <returns>UnknownAgent; NoSuchOffer when that call is not offered to that agent (e.g. it expired).</returns>
    public RoutingResult AcceptOffer(string? agentId, string? callId) => throw new NotImplementedException();

    /// <summary>
    /// Declines the pending offer: the call goes back to the front of its queue and the agent becomes not ready
    /// (<see cref="NotReadyReasons.DeclinedOffer"/>) or available, per <see cref="RoutingOptions.DeclineSetsNotReady"/>.
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="callId">The offered call.</param>
    /// <returns>UnknownAgent; NoSuchOffer.</returns>
    public RoutingResult DeclineOffer(string? agentId, string? callId) => throw new NotImplementedException();
}
