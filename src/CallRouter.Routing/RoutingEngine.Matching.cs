using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <content>
/// Matching calls and agents, and the state transitions every operation shares. The engine keeps one invariant
/// between operations: no available agent qualifies for any queue head ("settled"). Because a queue's head has
/// the highest priority and the widest pool of its queue, checking heads is enough.
/// </content>
public sealed partial class RoutingEngine
{
    /// <summary>Makes offers until settled again: repeatedly the best head that some available agent qualifies for.</summary>
    private void Settle(long now)
    {
        while (_available[SlotIndex(AgentLevel.L1, AnyModelSlot)].Count + _available[SlotIndex(AgentLevel.L2, AnyModelSlot)].Count > 0)
        {
            CallEntry? best = null;
            AgentEntry? bestAgent = null;
            var bestStep = 0;
            foreach (var queue in _queues)
            {
                var head = queue.Head;
                if (head is null || (best is not null && !head.IsAheadOf(best)))
                {
                    continue;
                }

                var step = DueStep(head, now);
                var agent = FindAgent(head, step);
                if (agent is not null)
                {
                    best = head;
                    bestAgent = agent;
                    bestStep = step;
                }
            }

            if (best is null)
            {
                return;
            }

            Offer(best, bestAgent!, bestStep, now);
        }
    }

    /// <summary>An agent just became available: offer them the best waiting call they qualify for, if any.</summary>
    private void OfferBestCallTo(AgentEntry agent, long now)
    {
        CallEntry? best = null;
        var bestStep = 0;
        foreach (var queue in _queues)
        {
            var head = queue.Head;
            if (head is null || (best is not null && !head.IsAheadOf(best)))
            {
                continue;
            }

            var step = DueStep(head, now);
            if (Qualifies(agent, head, step))
            {
                best = head;
                bestStep = step;
            }
        }

        if (best is not null)
        {
            Offer(best, agent, bestStep, now);
        }
    }

    private int DueStep(CallEntry call, long now) => _policies[call.Severity - 1].DueStep(now - call.EnqueuedTicks);

    /// <summary>Whether the agent may be offered the call with the given overflow step in force.</summary>
    private bool Qualifies(AgentEntry agent, CallEntry call, int step)
    {
        var policy = _policies[call.Severity - 1];
        var levelOk = agent.Level == call.Level
            || (policy.HigherLevel(step) && call.Level == AgentLevel.L1 && agent.Level == AgentLevel.L2);
        return levelOk && (policy.AnyModel(step) || agent.HasModel(call.Model));
    }

    /// <summary>The qualified agent available longest, looking only at the heads of at most two lists.</summary>
    private AgentEntry? FindAgent(CallEntry call, int step)
    {
        var policy = _policies[call.Severity - 1];
        var slot = policy.AnyModel(step) ? AnyModelSlot : (int)call.Model - 1;
        var candidate = _available[SlotIndex(call.Level, slot)].Head;
        if (policy.HigherLevel(step) && call.Level == AgentLevel.L1)
        {
            var helper = _available[SlotIndex(AgentLevel.L2, slot)].Head;
            if (helper is not null && (candidate is null || helper.Agent.AvailableSequence < candidate.Agent.AvailableSequence))
            {
                candidate = helper;
            }
        }

        return candidate?.Agent;
    }

    private void Offer(CallEntry call, AgentEntry agent, int step, long now)
    {
        call.Queue.Remove(call);
        _overflowDeadlineStale = true;
        call.State = CallState.Offered;
        call.Agent = agent;

        RemoveFromAvailable(agent);
        agent.Call = call;
        agent.DeadlineTicks = now + _offerTimeoutTicks;
        _pendingOffers.AddLast(agent.TimerNode);
        _agentOffersToday++;

        _sink.Publish(new RoutingEvent
        {
            Kind = RoutingEventKind.CallOffered,
            At = At(now),
            CallId = call.CallId,
            AgentId = agent.AgentId,
            Model = call.Model,
            Severity = call.Severity,
            Level = call.Level,
            Deadline = At(agent.DeadlineTicks),
            OverflowStep = step,
        });
        SetState(agent, AgentState.Reserved, null, now);
    }

    private void ExpireOffer(AgentEntry agent, long now)
    {
        var call = agent.Call!;
        _pendingOffers.Remove(agent.TimerNode);
        agent.Call = null;
        EmitCall(RoutingEventKind.OfferExpired, call, now, agent.AgentId);

        agent.MissedInARow++;
        if (agent.MissedInARow >= _maxMissedOffers)
        {
            SetState(agent, AgentState.NotReady, NotReadyReasons.MissedOffers, now);
        }
        else
        {
            MakeAvailable(agent, now);
        }

        Requeue(call, agent, RequeueReason.OfferExpired, now);
    }

    /// <summary>Puts an offered call back at the front of its queue, catching up on overflow steps it crossed meanwhile.</summary>
    private void Requeue(CallEntry call, AgentEntry fromAgent, RequeueReason reason, long now)
    {
        call.State = CallState.Queued;
        call.Agent = null;
        // Re-based on the step due now, before linking, so that the queue's "not yet announced" suffixes stay
        // suffixes; lower than announced only if the policy changed while the call was offered.
        var due = DueStep(call, now);
        var announce = due > call.AnnouncedStep;
        call.AnnouncedStep = due;
        if (announce)
        {
            EmitCall(RoutingEventKind.CallOverflowed, call, now, overflowStep: due);
        }

        call.Queue.InsertByPriority(call);
        _overflowDeadlineStale = true;
        EmitCall(RoutingEventKind.CallRequeued, call, now, fromAgent.AgentId, position: Position(call), requeueReason: reason);
    }

    private void MakeAvailable(AgentEntry agent, long now)
    {
        agent.AvailableSequence = ++_availableSequence;
        LinkAvailable(agent, ordered: false);
        SetState(agent, AgentState.Available, null, now);
    }

    private void LinkAvailable(AgentEntry agent, bool ordered)
    {
        Link(_available[SlotIndex(agent.Level, AnyModelSlot)], agent.LevelNode, ordered);
        for (var model = MachineModel.Ns5; model <= MachineModel.Ns100; model++)
        {
            if (agent.HasModel(model))
            {
                Link(_available[SlotIndex(agent.Level, (int)model - 1)], agent.ModelNode(model), ordered);
            }
        }

        static void Link(AgentList list, AgentNode node, bool ordered)
        {
            if (ordered)
            {
                list.InsertByAvailability(node);
            }
            else
            {
                list.AddLast(node);
            }
        }
    }

    private static void RemoveFromAvailable(AgentEntry agent)
    {
        agent.LevelNode.List?.Remove(agent.LevelNode);
        for (var model = MachineModel.Ns5; model <= MachineModel.Ns100; model++)
        {
            var node = agent.ModelNode(model);
            node.List?.Remove(node);
        }
    }

    /// <summary>Ends wrap-up (by time-out or on request) and feeds the measured handle time into the average.</summary>
    private void EndWrapUp(AgentEntry agent, long now)
    {
        _wrapUps.Remove(agent.TimerNode);
        RecordHandleTime(now - agent.HandleStartTicks);
    }

    private void RecordHandleTime(long handleTicks)
    {
        _averageHandleTicks += _handleTimeSmoothing * (handleTicks - _averageHandleTicks);
    }

    private void SetState(AgentEntry agent, AgentState state, string? reason, long now)
    {
        agent.State = state;
        agent.Reason = reason;
        agent.StateSinceTicks = now;
        _sink.Publish(new RoutingEvent
        {
            Kind = RoutingEventKind.AgentStateChanged,
            At = At(now),
            AgentId = agent.AgentId,
            CallId = agent.Call?.CallId,
            AgentState = state,
            Reason = reason,
        });
    }

    /// <summary>
    /// Publishes an event about <paramref name="call"/>. A <paramref name="position"/> above 0 means the call now waits
    /// there in its queue (queued, requeued, transferred): the event then carries its expected wait too.
    /// </summary>
    private void EmitCall(RoutingEventKind kind, CallEntry call, long now, string? agentId = null, int overflowStep = 0, TimeSpan duration = default,
        long totalWait = 0, int position = 0, RequeueReason requeueReason = default)
    {
        _sink.Publish(new RoutingEvent
        {
            Kind = kind,
            At = At(now),
            CallId = call.CallId,
            AgentId = agentId,
            Model = call.Model,
            Severity = call.Severity,
            Level = call.Level,
            OverflowStep = overflowStep,
            Duration = duration,
            TotalWait = TimeSpan.FromTicks(totalWait),
            Position = position,
            ExpectedWait = position > 0 ? ExpectedWait(call, position) : default,
            RequeueReason = requeueReason,
        });
    }

    private static DateTimeOffset At(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
