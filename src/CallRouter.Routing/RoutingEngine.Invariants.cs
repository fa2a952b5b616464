using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <content>Self-check of the internal structures, used by the property tests.</content>
public sealed partial class RoutingEngine
{
    /// <summary>
    /// Verifies every structural invariant, including "settled" (no available agent qualifies for a queue head)
    /// when nothing is due, without processing anything due.
    /// </summary>
    /// <returns>Null when consistent, otherwise the first violation found.</returns>
    internal string? CheckInvariants()
    {
        var now = Now();
        var linked = 0;
        foreach (var queue in _queues)
        {
            var count = 0;
            CallEntry? previous = null;
            for (var call = queue.Head; call is not null; call = call.Next)
            {
                count++;
                if (!_calls.TryGetValue(call.CallId, out var known) || !ReferenceEquals(known, call))
                {
                    return $"queued call {call.CallId} is not in the call index";
                }

                if (call.State != CallState.Queued || !ReferenceEquals(call.Queue, queue) || call.Agent is not null)
                {
                    return $"call {call.CallId} in a queue has state {call.State}";
                }

                if (call.Model != queue.Model || call.Severity != queue.Severity || call.Level != queue.Level)
                {
                    return $"call {call.CallId} ({call.Model}/{call.Severity}/{call.Level}) is in queue {queue.Model}/{queue.Severity}/{queue.Level}";
                }

                if (previous is not null && !previous.IsAheadOf(call))
                {
                    return $"queue {queue.Model}/{queue.Severity}/{queue.Level} is out of priority order at {call.CallId}";
                }

                previous = call;
            }

            if (queue.CheckBoundaries() is { } boundaryProblem)
            {
                return $"queue {queue.Model}/{queue.Severity}/{queue.Level}: {boundaryProblem}";
            }

            if (count != queue.Count)
            {
                return $"queue {queue.Model}/{queue.Severity}/{queue.Level} counts {queue.Count} but holds {count}";
            }

            linked += count;
        }

        var offeredOrConnected = 0;
        foreach (var call in _calls.Values)
        {
            if (CheckArrival(call) is { } arrivalProblem)
            {
                return arrivalProblem;
            }

            switch (call.State)
            {
                case CallState.Queued when !call.IsLinked:
                    return $"queued call {call.CallId} is in no queue";
                case CallState.Offered when call.Agent is not { State: AgentState.Reserved } || !ReferenceEquals(call.Agent.Call, call):
                    return $"offered call {call.CallId} is not reserved by its agent";
                case CallState.Connected when call.Agent is not { State: AgentState.OnCall } || !ReferenceEquals(call.Agent.Call, call):
                    return $"connected call {call.CallId} has no agent on call with it";
                case CallState.Offered or CallState.Connected:
                    offeredOrConnected++;
                    break;
            }
        }

        if (linked + offeredOrConnected != _calls.Count)
        {
            return $"{_calls.Count} calls known but {linked} queued and {offeredOrConnected} with agents";
        }

        foreach (var agent in _agents.Values)
        {
            var inAvailable = agent.LevelNode.List is not null;
            if (inAvailable != (agent.State == AgentState.Available))
            {
                return $"agent {agent.AgentId} is {agent.State} but {(inAvailable ? "is" : "is not")} in the available lists";
            }

            var hasCall = agent.State is AgentState.Reserved or AgentState.OnCall;
            if (hasCall != agent.Call is not null || (hasCall && !ReferenceEquals(agent.Call!.Agent, agent)))
            {
                return $"agent {agent.AgentId} is {agent.State} with call {agent.Call?.CallId ?? "none"}";
            }

            var inTimers = agent.TimerNode.List;
            var expected = agent.State switch
            {
                AgentState.Reserved => _pendingOffers,
                AgentState.WrapUp when _wrapUpTicks > 0 => _wrapUps,
                _ => null,
            };
            if (!ReferenceEquals(inTimers, expected))
            {
                return $"agent {agent.AgentId} is {agent.State} but in the wrong deadline list";
            }

            // Work that fell due and has not been processed yet (the host has not ticked) may legitimately leave an
            // agent and a call that should meet; the next operation processes it first.
            if (agent.State != AgentState.Available || NextDeadlineTicks() <= now)
            {
                continue;
            }

            foreach (var queue in _queues)
            {
                if (queue.Head is { } head && Qualifies(agent, head, DueStep(head, now)))
                {
                    return $"available agent {agent.AgentId} qualifies for waiting call {head.CallId}: not settled";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A call keeps its arrival: untransferred, it has waited in one queue since it arrived; transferred, it is an
    /// answered L2 call whose L1 wait (and talk) fit between its arrival and its entry into the L2 queue.
    /// </summary>
    private static string? CheckArrival(CallEntry call)
    {
        if (!call.Transferred)
        {
            return call.EarlierWaitTicks == 0 && call.ArrivedTicks == call.EnqueuedTicks
                ? null
                : $"call {call.CallId} was not transferred but its arrival differs from its queue entry";
        }

        if (call.Level != AgentLevel.L2 || !call.CountedAnswered)
        {
            return $"transferred call {call.CallId} is {call.Level} and {(call.CountedAnswered ? "" : "not ")}counted answered";
        }

        return call.EarlierWaitTicks >= 0 && call.ArrivedTicks + call.EarlierWaitTicks <= call.EnqueuedTicks
            ? null
            : $"transferred call {call.CallId} waited {call.EarlierWaitTicks} ticks for L1 between arrival {call.ArrivedTicks} and L2 entry {call.EnqueuedTicks}";
    }
}
