using CallRouter.Routing;
using Google.Protobuf.WellKnownTypes;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <content>Turns engine events into gateway and console stream messages (runs under the lock).</content>
public sealed partial class RoutingCoordinator
{
    // A call being ended for a transfer to the manufacturer keeps its stream open until the gateway is told.
    private TrackedCall? _requeueing;

    private void OnEngineEvent(in RoutingEvent e)
    {
        Timestamp at = Timestamp.FromDateTimeOffset(e.At);
        TrackedCall? call = e.CallId is not null && _calls.TryGetValue(e.CallId, out TrackedCall? found) ? found : null;
        AgentSession? session = e.AgentId is not null && _sessions.TryGetValue(e.AgentId, out AgentSession? s) ? s : null;

        switch (e.Kind)
        {
            case RoutingEventKind.CallQueued:
                call?.Post(QueuedEvent(e.CallId!, e.Model, e.Severity, e.Level, e.Position, e.ExpectedWait));
                break;

            case RoutingEventKind.CallRequeued:
                call?.Post(new Proto.RoutingEvent { CallId = e.CallId, At = at, Requeued = new Proto.CallRequeued { Reason = Describe(e.RequeueReason) } });
                call?.Post(QueuedEvent(e.CallId!, e.Model, e.Severity, e.Level, e.Position, e.ExpectedWait));
                break;

            case RoutingEventKind.CallOffered:
                _metrics.OfferMade();
                call?.Post(new Proto.RoutingEvent
                {
                    CallId = e.CallId, At = at,
                    Offered = new Proto.CallOffered { AgentId = e.AgentId, OfferExpiresAt = Timestamp.FromDateTimeOffset(e.Deadline) },
                });
                session?.Post(new Proto.AgentEvent
                {
                    At = at,
                    Offer = new Proto.Offer
                    {
                        CallId = e.CallId, Context = call?.Context, Case = CaseSummaryFor(call),
                        ExpiresAt = Timestamp.FromDateTimeOffset(e.Deadline), OverflowStep = e.OverflowStep,
                    },
                });
                break;

            case RoutingEventKind.OfferExpired:
            case RoutingEventKind.OfferDeclined:
                session?.Post(new Proto.AgentEvent
                {
                    At = at,
                    OfferWithdrawn = new Proto.OfferWithdrawn { CallId = e.CallId, Reason = e.Kind == RoutingEventKind.OfferExpired ? "expired" : "declined" },
                });
                break;

            case RoutingEventKind.CallOverflowed:
                call?.Post(new Proto.RoutingEvent
                {
                    CallId = e.CallId, At = at,
                    Overflowed = new Proto.CallOverflowed { Step = e.OverflowStep, Description = $"overflow step {e.OverflowStep}: wider agent pool" },
                });
                break;

            case RoutingEventKind.CallAccepted:
                // Counted once, at its first answer (with the time it took): not again after a failed
                // agent leg or by L2 after a transfer, as the engine's answered-today count.
                if (call?.AnsweredAt is null)
                {
                    _metrics.CallAnswered(e.Duration);
                }

                if (call is not null)
                {
                    call.AgentId = e.AgentId;
                    call.Waited = e.TotalWait;
                    call.AnsweredAt ??= e.At;
                    if (call.TransferredBy is not null)
                    {
                        call.Level2AnsweredAt = e.At;
                    }

                    call.Post(new Proto.RoutingEvent
                    {
                        CallId = e.CallId, At = at,
                        Connect = new Proto.CallConnect { AgentId = e.AgentId, AgentSipContact = session?.SipContact ?? "" },
                    });
                }

                session?.Post(new Proto.AgentEvent { At = at, CallStarted = new Proto.CallStarted { CallId = e.CallId } });
                break;

            case RoutingEventKind.CallAbandoned:
                // A caller leaving the L2 queue after a transfer was answered by L1: not an abandoned call.
                if (call?.TransferredBy is null)
                {
                    _metrics.CallAbandoned(e.Duration);
                }

                if (e.AgentId is not null)
                {
                    session?.Post(new Proto.AgentEvent { At = at, OfferWithdrawn = new Proto.OfferWithdrawn { CallId = e.CallId, Reason = "caller hung up" } });
                }

                if (call is not null)
                {
                    call.Waited = e.TotalWait;
                    FinishCall(call, at, "abandoned");
                }

                break;

            case RoutingEventKind.CallEnded:
                if (e.AgentId is not null && e.CallId is not null)
                {
                    _wrapUpCalls[e.AgentId] = e.CallId;
                }

                session?.Post(new Proto.AgentEvent
                {
                    At = at,
                    CallStopped = new Proto.CallStopped { CallId = e.CallId, WrapUpEndsAt = Timestamp.FromDateTimeOffset(e.At + _options.WrapUpTime) },
                });
                if (call is not null && !ReferenceEquals(call, _requeueing))
                {
                    FinishCall(call, at, "ended");
                }

                break;

            case RoutingEventKind.CallTransferred:
                // The L1 agent's part is over (wrap-up); the caller's call goes on, waiting for L2.
                if (e.AgentId is not null && e.CallId is not null)
                {
                    _wrapUpCalls[e.AgentId] = e.CallId;
                }

                session?.Post(new Proto.AgentEvent
                {
                    At = at,
                    CallStopped = new Proto.CallStopped { CallId = e.CallId, WrapUpEndsAt = Timestamp.FromDateTimeOffset(e.At + _options.WrapUpTime) },
                });
                if (call is not null)
                {
                    call.TransferredBy = e.AgentId;
                    call.EarlierTalk += e.Duration;
                    call.TransferredAt = e.At;
                    call.AgentId = null;
                    call.Level = e.Level;
                    call.Context.Level = e.Level.ToProto();

                    // The gateway hears the call is queued again: it drops the L1 agent's leg and plays hold music.
                    call.Post(QueuedEvent(e.CallId!, e.Model, e.Severity, e.Level, e.Position, e.ExpectedWait));
                }

                break;

            case RoutingEventKind.AgentStateChanged:
                session?.Post(new Proto.AgentEvent
                {
                    At = at,
                    StateChanged = new Proto.AgentStateChanged { State = e.AgentState.ToProto(), Reason = e.Reason ?? "" },
                });
                break;
        }
    }

    private void FinishCall(TrackedCall call, Timestamp at, string reason)
    {
        call.Post(new Proto.RoutingEvent { CallId = call.Context.CallId, At = at, Finished = new Proto.CallFinished { Reason = reason } });
        call.Finish();
        _calls.Remove(call.Context.CallId);
    }

    private static Proto.CaseSummary CaseSummaryFor(TrackedCall? call)
    {
        if (call is null)
        {
            return new Proto.CaseSummary();
        }

        if (call.CaseSummary is not null)
        {
            return call.CaseSummary;
        }

        // Without a case service (unit tests) the summary carries what the switch and IVR told us.
        return new Proto.CaseSummary
        {
            ProblemNumber = call.Context.ProblemNumber,
            CustomerAccount = call.Context.CustomerAccount,
            MachineModel = call.Model.ToProto(),
            SerialNumber = call.Context.SerialNumber,
            Severity = call.Context.Severity,
        };
    }

    private static string Describe(RequeueReason reason) => reason switch
    {
        RequeueReason.OfferExpired => "offer expired",
        RequeueReason.Declined => "agent declined",
        RequeueReason.AgentLoggedOut => "agent logged out",
        RequeueReason.AgentLegFailed => "agent's softphone did not answer",
        _ => "requeued",
    };

    /// <summary>Adapter so the engine's sink interface does not appear on the coordinator's public surface.</summary>
    private sealed class EventSink(RoutingCoordinator owner) : IRoutingEventSink
    {
        public void Publish(in RoutingEvent routingEvent) => owner.OnEngineEvent(routingEvent);
    }
}
