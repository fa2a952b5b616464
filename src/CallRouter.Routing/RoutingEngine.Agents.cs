using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <content>Agent console operations: log in/out, state changes, accept and decline.</content>
public sealed partial class RoutingEngine
{
    /// <summary>Offline → not ready (<see cref="NotReadyReasons.LoggedIn"/>). The console then asks for available.</summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>MissingAgentId; UnknownAgent; InvalidAgentState when already logged in.</returns>
    public RoutingResult LogIn(string? agentId)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpAgent(agentId, out var agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        if (agent.IsLoggedIn)
        {
            return WrongState(agent, "log in");
        }

        AdjustStaffed(agent, +1);
        agent.MissedInARow = 0;
        SetState(agent, AgentState.NotReady, NotReadyReasons.LoggedIn, now);
        return RoutingResult.Ok;
    }

    /// <summary>
    /// Makes the agent available (from not ready, or from wrap-up ending it early) and offers the best waiting call
    /// the agent qualifies for, if any. Available → available is a no-op success. Resets the missed-offer count.
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>MissingAgentId; UnknownAgent; InvalidAgentState when offline, reserved or on a call.</returns>
    public RoutingResult SetAvailable(string? agentId)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpAgent(agentId, out var agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        switch (agent.State)
        {
            case AgentState.Available:
                return RoutingResult.Ok;
            case AgentState.NotReady:
                break;
            case AgentState.WrapUp:
                EndWrapUp(agent, now);
                break;
            default:
                return WrongState(agent, "become available");
        }

        agent.MissedInARow = 0;
        MakeAvailable(agent, now);
        OfferBestCallTo(agent, now);
        return RoutingResult.Ok;
    }

    /// <summary>Makes the agent not ready with a reason (from available, not ready or wrap-up).</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="reason">Why, e.g. "break"; required.</param>
    /// <returns>MissingAgentId, MissingReason; UnknownAgent; InvalidAgentState when offline, reserved or on a call.</returns>
    public RoutingResult SetNotReady(string? agentId, string? reason)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpAgent(agentId, out var agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return RoutingResult.Fail(RoutingError.MissingReason, "a not-ready reason is required");
        }

        switch (agent.State)
        {
            case AgentState.Available:
                RemoveFromAvailable(agent);
                break;
            case AgentState.NotReady:
                break;
            case AgentState.WrapUp:
                EndWrapUp(agent, now);
                break;
            default:
                return WrongState(agent, "become not ready");
        }

        SetState(agent, AgentState.NotReady, reason, now);
        return RoutingResult.Ok;
    }

    /// <summary>
    /// Logs the agent out. A call reserved for the agent goes back to the front of its queue (CallRequeued) and may
    /// be offered to another agent at once.
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>MissingAgentId; UnknownAgent; InvalidAgentState when offline or on a call (end the call first).</returns>
    public RoutingResult LogOut(string? agentId)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpAgent(agentId, out var agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        CallEntry? reserved = null;
        switch (agent.State)
        {
            case AgentState.Available:
                RemoveFromAvailable(agent);
                break;
            case AgentState.NotReady:
                break;
            case AgentState.WrapUp:
                EndWrapUp(agent, now);
                break;
            case AgentState.Reserved:
                reserved = agent.Call!;
                _pendingOffers.Remove(agent.TimerNode);
                agent.Call = null;
                break;
            default:
                return WrongState(agent, "log out");
        }

        AdjustStaffed(agent, -1);
        SetState(agent, AgentState.Offline, null, now);
        if (reserved is not null)
        {
            Requeue(reserved, agent, RequeueReason.AgentLoggedOut, now);
            Settle(now);
        }

        return RoutingResult.Ok;
    }

    /// <summary>Accepts the pending offer: agent on call, call connected. Emits CallAccepted. Resets the missed-offer count.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="callId">The offered call.</param>
    /// <returns>MissingAgentId, MissingCallId; UnknownAgent; NoSuchOffer when that call is not offered to that agent (e.g. it expired).</returns>
    public RoutingResult AcceptOffer(string? agentId, string? callId)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpOffer(agentId, callId, out var agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        var call = agent.Call!;
        _pendingOffers.Remove(agent.TimerNode);
        agent.MissedInARow = 0;
        call.State = CallState.Connected;
        call.AcceptedTicks = now;
        if (!call.CountedAnswered)
        {
            call.CountedAnswered = true;
            _callsAnsweredToday++;
        }
        var waited = now - call.EnqueuedTicks;
        EmitCall(RoutingEventKind.CallAccepted, call, now, agent.AgentId, duration: TimeSpan.FromTicks(waited), totalWait: TotalWait(call, waited));
        SetState(agent, AgentState.OnCall, null, now);
        return RoutingResult.Ok;
    }

    /// <summary>
    /// Declines the pending offer: the call goes back to the front of its queue and the agent becomes not ready
    /// (<see cref="NotReadyReasons.DeclinedOffer"/>) or available, per <see cref="RoutingOptions.DeclineSetsNotReady"/>.
    /// </summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="callId">The offered call.</param>
    /// <returns>MissingAgentId, MissingCallId; UnknownAgent; NoSuchOffer.</returns>
    public RoutingResult DeclineOffer(string? agentId, string? callId)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpOffer(agentId, callId, out var agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        var call = agent.Call!;
        _pendingOffers.Remove(agent.TimerNode);
        agent.Call = null;
        EmitCall(RoutingEventKind.OfferDeclined, call, now, agent.AgentId);
        if (_declineSetsNotReady)
        {
            SetState(agent, AgentState.NotReady, NotReadyReasons.DeclinedOffer, now);
        }
        else
        {
            MakeAvailable(agent, now);
        }

        Requeue(call, agent, RequeueReason.Declined, now);
        Settle(now);
        return RoutingResult.Ok;
    }

    private RoutingResult LookUpAgent(string? agentId, out AgentEntry agent)
    {
        agent = null!;
        if (string.IsNullOrWhiteSpace(agentId))
        {
            return RoutingResult.Fail(RoutingError.MissingAgentId, "agent id is required");
        }

        if (!_agents.TryGetValue(agentId, out var found))
        {
            return RoutingResult.Fail(RoutingError.UnknownAgent, $"agent '{agentId}' does not exist");
        }

        agent = found;
        return RoutingResult.Ok;
    }

    private RoutingResult LookUpOffer(string? agentId, string? callId, out AgentEntry agent)
    {
        var lookup = LookUpAgent(agentId, out agent);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        if (string.IsNullOrWhiteSpace(callId))
        {
            return RoutingResult.Fail(RoutingError.MissingCallId, "call id is required");
        }

        if (agent.State != AgentState.Reserved || !string.Equals(agent.Call?.CallId, callId, StringComparison.Ordinal))
        {
            return RoutingResult.Fail(RoutingError.NoSuchOffer, $"call '{callId}' is not offered to agent '{agentId}' (the offer may have expired)");
        }

        return RoutingResult.Ok;
    }

    private static RoutingResult WrongState(AgentEntry agent, string action) =>
        RoutingResult.Fail(RoutingError.InvalidAgentState, $"agent '{agent.AgentId}' cannot {action} while {DescribeState(agent.State)}");

    private static string DescribeState(AgentState state) => state switch
    {
        AgentState.Offline => "offline",
        AgentState.Available => "available",
        AgentState.NotReady => "not ready",
        AgentState.Reserved => "reserved for an offer",
        AgentState.OnCall => "on a call",
        AgentState.WrapUp => "in wrap-up",
        _ => state.ToString(),
    };
}
