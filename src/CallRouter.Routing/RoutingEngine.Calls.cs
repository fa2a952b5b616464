using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <content>Gateway-side call operations: enqueue, abandon, end, return to queue, look up.</content>
public sealed partial class RoutingEngine
{
    /// <summary>
    /// Queues a call (emits CallQueued) and, when a qualified agent is available, offers it at once (CallOffered).
    /// </summary>
    /// <param name="request">The call.</param>
    /// <returns>
    /// Errors: MissingCallId, MissingModel, UnknownModel, SeverityOutOfRange, InvalidLevel (InvalidArgument);
    /// IneligibleModel (return the call to the manufacturer), DuplicateCallId (FailedPrecondition).
    /// </returns>
    public RoutingResult EnqueueCall(in CallRequest request)
    {
        var now = Now();
        ProcessDue(now);
        var problem = ValidateCall(request);
        if (!problem.IsSuccess)
        {
            return problem;
        }

        var call = _callPool.Count > 0 ? _callPool.Pop() : new CallEntry();
        call.CallId = request.CallId!;
        call.Model = request.Model;
        call.Severity = request.Severity;
        call.Level = request.Level;
        call.Queue = _queues[QueueIndex(request.Model, request.Severity, request.Level)];
        call.Sequence = ++_callSequence;
        call.EnqueuedTicks = now;
        call.ArrivedTicks = now;
        call.Key = _headStartSeconds[request.Severity - 1]
            - (_ageingRate * (now - _epochTicks) / TimeSpan.TicksPerSecond);
        call.State = CallState.Queued;
        call.AnnouncedStep = 0;
        _calls.Add(call.CallId, call);

        var queue = call.Queue;
        queue.AddLast(call);
        _overflowDeadlineStale = true;
        _callsQueuedToday++;

        EmitCall(RoutingEventKind.CallQueued, call, now, position: PositionOfNewcomer(call));

        // A call behind others in its own queue cannot have an agent: the head has a wider pool and no agent.
        if (ReferenceEquals(queue.Head, call))
        {
            var step = DueStep(call, now);
            if (FindAgent(call, step) is { } agent)
            {
                Offer(call, agent, step, now);
            }
        }

        return RoutingResult.Ok;
    }

    /// <summary>
    /// The caller left before being answered (hung up or chose voicemail): the call is removed from its queue or
    /// from the agent it was offered to (that agent becomes available again; a withdrawn offer is not a miss).
    /// Emits CallAbandoned.
    /// </summary>
    /// <param name="callId">The call.</param>
    /// <returns>MissingCallId; UnknownCall; InvalidCallState when already connected (use <see cref="EndCall"/>).</returns>
    public RoutingResult AbandonCall(string? callId)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpCall(callId, out var call);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        if (call.State == CallState.Connected)
        {
            return RoutingResult.Fail(RoutingError.InvalidCallState, $"call '{callId}' is already answered; end it instead");
        }

        // A transferred call was answered by L1 before it waited for L2: the caller leaving now is not an unanswered
        // call, so it is not counted abandoned (it is already in today's answered calls).
        if (!call.Transferred)
        {
            _callsAbandonedToday++;
        }

        var waited = now - call.EnqueuedTicks;
        if (call.State == CallState.Queued)
        {
            call.Queue.Remove(call);
            _overflowDeadlineStale = true;
            EmitCall(RoutingEventKind.CallAbandoned, call, now, duration: TimeSpan.FromTicks(waited), totalWait: TotalWait(call, waited));
            Release(call);
            return RoutingResult.Ok;
        }

        var agent = call.Agent!;
        _pendingOffers.Remove(agent.TimerNode);
        agent.Call = null;
        EmitCall(RoutingEventKind.CallAbandoned, call, now, agent.AgentId, duration: TimeSpan.FromTicks(waited), totalWait: TotalWait(call, waited));
        Release(call);
        MakeAvailable(agent, now);
        OfferBestCallTo(agent, now);
        return RoutingResult.Ok;
    }

    /// <summary>A connected call ended (either side hung up): the engine forgets it and the agent enters wrap-up. Emits CallEnded.</summary>
    /// <param name="callId">The call.</param>
    /// <returns>MissingCallId; UnknownCall; InvalidCallState when not connected (use <see cref="AbandonCall"/>).</returns>
    public RoutingResult EndCall(string? callId)
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
            return RoutingResult.Fail(RoutingError.InvalidCallState, $"call '{callId}' is not answered yet; abandon it instead");
        }

        var agent = call.Agent!;
        agent.Call = null;
        agent.HandleStartTicks = call.AcceptedTicks;
        EmitCall(RoutingEventKind.CallEnded, call, now, agent.AgentId, duration: TimeSpan.FromTicks(now - call.AcceptedTicks));
        Release(call);
        StartWrapUp(agent, now);
        return RoutingResult.Ok;
    }

    /// <summary>
    /// The agent's call is over for them (ended or transferred): wrap-up, or with no wrap-up time available at once with
    /// the measured handle time recorded. <see cref="AgentEntry.HandleStartTicks"/> must be set.
    /// </summary>
    private void StartWrapUp(AgentEntry agent, long now)
    {
        if (_wrapUpTicks == 0)
        {
            RecordHandleTime(now - agent.HandleStartTicks);
            MakeAvailable(agent, now);
            OfferBestCallTo(agent, now);
            return;
        }

        agent.DeadlineTicks = now + _wrapUpTicks;
        _wrapUps.AddLast(agent.TimerNode);
        SetState(agent, AgentState.WrapUp, null, now);
    }

    /// <summary>
    /// The agent's leg of an accepted call failed (e.g. the softphone did not answer): the call goes back to the front
    /// of its queue keeping its original enqueue time (so the caller's wait keeps counting), and the agent becomes not
    /// ready with <paramref name="agentNotReadyReason"/> so the call does not bounce straight back. Emits
    /// AgentStateChanged and CallRequeued (AgentLegFailed), then offers the call if another agent qualifies.
    /// </summary>
    /// <param name="callId">The connected call.</param>
    /// <param name="agentNotReadyReason">Why the agent is made not ready, e.g. "softphone did not answer".</param>
    /// <returns>MissingCallId, MissingReason; UnknownCall; InvalidCallState when the call is not connected.</returns>
    public RoutingResult ReturnCallToQueue(string? callId, string? agentNotReadyReason)
    {
        var now = Now();
        ProcessDue(now);
        var lookup = LookUpCall(callId, out var call);
        if (!lookup.IsSuccess)
        {
            return lookup;
        }

        if (string.IsNullOrWhiteSpace(agentNotReadyReason))
        {
            return RoutingResult.Fail(RoutingError.MissingReason, "a not-ready reason for the agent is required");
        }

        if (call.State != CallState.Connected)
        {
            return RoutingResult.Fail(RoutingError.InvalidCallState, $"call '{callId}' is not connected to an agent");
        }

        var agent = call.Agent!;
        agent.Call = null;
        call.AcceptedTicks = 0;
        SetState(agent, AgentState.NotReady, agentNotReadyReason, now);
        Requeue(call, agent, RequeueReason.AgentLegFailed, now);
        Settle(now);
        return RoutingResult.Ok;
    }

    /// <summary>Snapshot of a known call (queued, offered or connected) with its position and expected wait, or null.</summary>
    /// <param name="callId">The call.</param>
    public CallSnapshot? GetCall(string? callId)
    {
        var now = Now();
        ProcessDue(now);
        if (callId is null || !_calls.TryGetValue(callId, out var call))
        {
            return null;
        }

        var queued = call.State == CallState.Queued;
        var position = queued ? Position(call) : 0;
        var waitedUntil = call.State == CallState.Connected ? call.AcceptedTicks : now;
        return new CallSnapshot(
            call.CallId,
            call.Model,
            call.Severity,
            call.Level,
            call.State,
            call.Agent?.AgentId,
            At(call.EnqueuedTicks),
            TimeSpan.FromTicks(waitedUntil - call.EnqueuedTicks),
            DueStep(call, waitedUntil),
            position,
            queued ? ExpectedWait(call, position) : TimeSpan.Zero,
            At(call.ArrivedTicks),
            TimeSpan.FromTicks(TotalWait(call, waitedUntil - call.EnqueuedTicks)));
    }

    /// <summary>Waiting in every queue: the earlier queues' wait (L1, for a transferred call) plus the current one's.</summary>
    private static long TotalWait(CallEntry call, long waitedInCurrentQueue) => call.EarlierWaitTicks + waitedInCurrentQueue;

    private RoutingResult ValidateCall(in CallRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.CallId))
        {
            return RoutingResult.Fail(RoutingError.MissingCallId, "call id is required");
        }

        if (request.Model == MachineModel.Unspecified)
        {
            return RoutingResult.Fail(RoutingError.MissingModel, "machine model is required");
        }

        if (request.Model is < MachineModel.Ns5 or > MachineModel.Ns100)
        {
            return RoutingResult.Fail(RoutingError.UnknownModel, $"machine model {(int)request.Model} is unknown");
        }

        if (request.Severity is < 1 or > SeverityCount)
        {
            return RoutingResult.Fail(RoutingError.SeverityOutOfRange, $"severity must be 1 to 4, got {request.Severity}");
        }

        if (request.Level is not (AgentLevel.L1 or AgentLevel.L2))
        {
            return RoutingResult.Fail(RoutingError.InvalidLevel, $"level must be L1 or L2, got {request.Level}");
        }

        if (!_eligible[(int)request.Model])
        {
            return RoutingResult.Fail(RoutingError.IneligibleModel, $"machine model {MachineModelNames.ToDisplayName(request.Model)} is not on the eligible list");
        }

        if (_calls.ContainsKey(request.CallId))
        {
            return RoutingResult.Fail(RoutingError.DuplicateCallId, $"call '{request.CallId}' is already known");
        }

        return RoutingResult.Ok;
    }

    private RoutingResult LookUpCall(string? callId, out CallEntry call)
    {
        call = null!;
        if (string.IsNullOrWhiteSpace(callId))
        {
            return RoutingResult.Fail(RoutingError.MissingCallId, "call id is required");
        }

        if (!_calls.TryGetValue(callId, out var found))
        {
            return RoutingResult.Fail(RoutingError.UnknownCall, $"call '{callId}' is not known");
        }

        call = found;
        return RoutingResult.Ok;
    }

    private void Release(CallEntry call)
    {
        _calls.Remove(call.CallId);
        call.Clear();
        _callPool.Push(call);
    }
}
