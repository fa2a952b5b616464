using CallRouter.Cases.Domain;
using CallRouter.Core.Cases;
using CallRouter.Routing;
using Google.Protobuf.WellKnownTypes;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <content>Agent console sessions: log in and out, state, offers, wrap-up and transfers.</content>
public sealed partial class RoutingCoordinator
{
    /// <summary>Logs the agent in for a console session; one session per agent at a time.</summary>
    public AgentSession OpenSession(string agentId, string sipContact, bool available)
    {
        lock (_gate)
        {
            if (_engine.GetAgent(agentId) is not { } agent)
            {
                throw RoutingFailures.Precondition($"'{Truncate(agentId)}' is not set up as an agent");
            }

            if (_sessions.ContainsKey(agentId))
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.AlreadyExists, $"agent '{agentId}' already has a console session"));
            }

            var session = new AgentSession(agent.AgentId, sipContact);
            session.Post(new Proto.AgentEvent
            {
                At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
                Started = new Proto.SessionStarted
                {
                    AgentId = agent.AgentId,
                    DisplayName = _agentNames.GetValueOrDefault(agent.AgentId, agent.AgentId),
                    Level = agent.Skills.Level.ToProto(),
                    Models = { agent.Skills.Models.Order().Select(m => m.ToProto()) },
                },
            });
            _sessions.Add(agent.AgentId, session);
            _logoutWhenIdle.Remove(agent.AgentId);
            if (agent.State == AgentState.Offline)
            {
                // The engine reports the new state (not ready, "logged in") to the session itself.
                RoutingResult result = _engine.LogIn(agent.AgentId);
                if (!result.IsSuccess)
                {
                    _sessions.Remove(agent.AgentId);
                    RoutingFailures.ThrowIfFailed(result);
                }
            }
            else
            {
                // A console reconnecting while its agent is still busy learns the current state.
                session.Post(new Proto.AgentEvent
                {
                    At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
                    StateChanged = new Proto.AgentStateChanged { State = agent.State.ToProto(), Reason = agent.NotReadyReason ?? "" },
                });
            }

            AgentSnapshot current = _engine.GetAgent(agent.AgentId)!;
            if (available && current.State == AgentState.NotReady)
            {
                _engine.SetAvailable(agent.AgentId);
            }

            AfterOperation();
            return session;
        }
    }

    /// <summary>The console went away: log out now, or as soon as the agent's call is over.</summary>
    public void CloseSession(AgentSession session)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(session.AgentId, out AgentSession? current) || !ReferenceEquals(current, session))
            {
                return;
            }

            _sessions.Remove(session.AgentId);
            session.Close();
            if (!_engine.LogOut(session.AgentId).IsSuccess)
            {
                _logoutWhenIdle.Add(session.AgentId);
            }

            AfterOperation();
        }
    }

    public void ChangeState(AgentSession session, Proto.AgentState state, string reason) => Run(() => state switch
    {
        Proto.AgentState.Available => _engine.SetAvailable(session.AgentId),
        Proto.AgentState.NotReady => _engine.SetNotReady(session.AgentId, string.IsNullOrWhiteSpace(reason) ? null : reason),
        _ => RoutingResult.Fail(RoutingError.InvalidAgentState, "an agent can only ask for AVAILABLE or NOT_READY"),
    });

    public void Accept(AgentSession session, string callId) => Run(() => _engine.AcceptOffer(session.AgentId, callId));

    public void Decline(AgentSession session, string callId) => Run(() => _engine.DeclineOffer(session.AgentId, callId));

    /// <summary>
    /// Records the disposition and notes of a finished call, makes the agent available and
    /// hands the disposition to the call's case. The task completes when the case is updated.
    /// </summary>
    public Task WrapUp(AgentSession session, Proto.WrapUp wrapUp)
    {
        if (string.IsNullOrWhiteSpace(wrapUp.CallId))
        {
            throw RoutingFailures.Invalid("wrap_up.call_id is required");
        }

        if (wrapUp.Disposition == Proto.Disposition.Unspecified)
        {
            throw RoutingFailures.Invalid("wrap_up.disposition is required (resolved, needs L2, escalate to manufacturer, call back)");
        }

        lock (_gate)
        {
            if (_engine.GetAgent(session.AgentId) is not { State: AgentState.WrapUp } agent)
            {
                throw RoutingFailures.Precondition("the agent is not in wrap-up");
            }

            // Only the agent's own last call can be wrapped up: a disposition changes its case.
            if (_wrapUpCalls.TryGetValue(session.AgentId, out string? lastCall) && !string.Equals(lastCall, wrapUp.CallId, StringComparison.Ordinal))
            {
                throw RoutingFailures.Precondition($"call '{Truncate(wrapUp.CallId)}' is not the call this agent is wrapping up");
            }

            _repository.AddWrapUp(wrapUp.CallId, session.AgentId, wrapUp.Disposition.ToString(), wrapUp.Notes ?? "", _time.GetUtcNow());
            RoutingFailures.ThrowIfFailed(_engine.SetAvailable(session.AgentId));
            _wrapUpCalls.Remove(session.AgentId);
            Task caseUpdated = _caseRecorder?.WrappedUp(new WrapUpOutcome(wrapUp.CallId, session.AgentId,
                agent.Skills.Level == AgentLevel.L2 ? Role.L2Agent : Role.L1Agent, wrapUp.Disposition, wrapUp.Notes ?? "")) ?? Task.CompletedTask;
            AfterOperation();
            return caseUpdated;
        }
    }

    /// <summary>An escalation needs the desk (no answer, cannot reach, closure deferred): every agent console hears of it.</summary>
    public void BroadcastEscalationNotice(Proto.EscalationNotice notice)
    {
        lock (_gate)
        {
            var message = new Proto.AgentEvent { At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()), EscalationNotice = notice };
            foreach (AgentSession session in _sessions.Values)
            {
                session.Post(message);
            }
        }
    }

    /// <summary>An update has fallen due on a case: every agent console hears of it (SPEC R7).</summary>
    public void BroadcastReminder(Proto.CaseReminder reminder)
    {
        lock (_gate)
        {
            var message = new Proto.AgentEvent { At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()), Reminder = reminder };
            foreach (AgentSession session in _sessions.Values)
            {
                session.Post(message);
            }
        }
    }

    /// <summary>
    /// Moves the agent's connected call to the L2 queue as the same call (its id, arrival, wait so
    /// far and case stay) or hands it to the gateway for the manufacturer's Level 3 line; the
    /// agent goes to wrap-up.
    /// </summary>
    public void Transfer(AgentSession session, Proto.RequestTransfer transfer)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(transfer.CallId ?? "", out TrackedCall? call) || call.AgentId is null
                || !string.Equals(call.AgentId, session.AgentId, StringComparison.OrdinalIgnoreCase))
            {
                throw RoutingFailures.Precondition($"call '{Truncate(transfer.CallId ?? "")}' is not connected to this agent");
            }

            switch (transfer.TargetCase)
            {
                case Proto.RequestTransfer.TargetOneofCase.ToLevel2 when transfer.ToLevel2:
                    // One call that L1 answered and that now waits for L2: same id, arrival, stream and case; the
                    // engine's CallTransferred updates the tracked call and tells the gateway and the console.
                    RoutingFailures.ThrowIfFailed(_engine.TransferToLevel2(call.Context.CallId));
                    Record(call, "transferred to L2", call.Waited, call.EarlierTalk, session.AgentId);
                    break;

                case Proto.RequestTransfer.TargetOneofCase.ToManufacturer when transfer.ToManufacturer:
                    EndCallKeepingStream(call);

                    Record(call, "transferred to manufacturer", call.Waited, TimeSpan.Zero);
                    _ = LogOnCase(call, answered: call.AnsweredAt is not null, voicemail: false, $"{session.AgentId} transferred the caller to the manufacturer's Level 3 line");
                    call.Post(new Proto.RoutingEvent
                    {
                        CallId = call.Context.CallId,
                        At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
                        TransferToManufacturer = new Proto.TransferToManufacturer { AgentId = session.AgentId },
                    });
                    FinishCall(call, Timestamp.FromDateTimeOffset(_time.GetUtcNow()), "transferred to manufacturer");
                    break;

                default:
                    throw RoutingFailures.Invalid("transfer needs a target: to_level2 or to_manufacturer");
            }

            AfterOperation();
        }
    }

    /// <summary>
    /// Ends the call in the engine (the agent goes to wrap-up) while the gateway's stream for it
    /// stays open: the transfer to the manufacturer tells the gateway what the caller hears next.
    /// </summary>
    private void EndCallKeepingStream(TrackedCall call)
    {
        _requeueing = call;
        try
        {
            RoutingFailures.ThrowIfFailed(_engine.EndCall(call.Context.CallId));
        }
        finally
        {
            _requeueing = null;
        }
    }

    private void Run(Func<RoutingResult> operation)
    {
        lock (_gate)
        {
            RoutingResult result = operation();
            AfterOperation();
            RoutingFailures.ThrowIfFailed(result);
        }
    }
}
