using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <content>Transfer of a connected call to the L2 queue (SPEC R6).</content>
public sealed partial class RoutingEngine
{
    /// <summary>
    /// The agent connected with an L1 call sends it to Level 2: the same call (id, arrival time, its place in today's
    /// offered and answered counts) goes to the back of the L2 queue of its model and severity, and the agent enters
    /// wrap-up as after <see cref="EndCall"/>. In the L2 queue the call's priority, overflow steps and queue wait count
    /// from the transfer (its L1 wait is kept as earlier wait, its L1 talk is not waiting); see docs/routing.md,
    /// "Transfer to L2". Emits CallTransferred (position and expected wait in the L2 queue), the agent's state change,
    /// then CallOffered when an L2 agent qualifies.
    /// </summary>
    /// <param name="callId">The connected call.</param>
    /// <returns>MissingCallId; UnknownCall; InvalidCallState when the call is not connected or already an L2 call.</returns>
    public RoutingResult TransferToLevel2(string? callId)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpCall(callId, out var call);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        if (call.State != CallState.Connected)
        {
            return RoutingResult.Fail(RoutingError.InvalidCallState, $"call '{callId}' is not connected to an agent");
        }

        if (call.Level != AgentLevel.L1)
        {
            return RoutingResult.Fail(RoutingError.InvalidCallState, $"call '{callId}' is already an L2 call");
        }

        var agent = call.Agent!;
        var talked = now - call.AcceptedTicks;
        agent.Call = null;
        agent.HandleStartTicks = call.AcceptedTicks;

        // The L1 wait ends at the acceptance that led to this talk (a failed agent leg before it kept the wait running).
        call.EarlierWaitTicks += call.AcceptedTicks - call.EnqueuedTicks;
        call.Transferred = true;
        call.Level = AgentLevel.L2;
        call.Queue = _queues[QueueIndex(call.Model, call.Severity, AgentLevel.L2)];
        call.State = CallState.Queued;
        call.Agent = null;
        call.AcceptedTicks = 0;
        call.AnnouncedStep = 0;

        // Ordered in the L2 queue as if it arrived now: the newest of its queue, which AddLast and the newcomer
        // boundaries rely on.
        call.Sequence = ++_callSequence;
        call.EnqueuedTicks = now;
        call.Key = _headStartSeconds[call.Severity - 1] - (_ageingRate * (now - _epochTicks) / TimeSpan.TicksPerSecond);
        call.Queue.AddLast(call);
        _overflowDeadlineStale = true;

        EmitCall(RoutingEventKind.CallTransferred, call, now, agent.AgentId, duration: TimeSpan.FromTicks(talked), position: PositionOfNewcomer(call));

        StartWrapUp(agent, now);
        Settle(now);
        return RoutingResult.Ok;
    }
}
