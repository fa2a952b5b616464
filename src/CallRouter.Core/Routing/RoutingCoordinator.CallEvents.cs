using CallRouter.Core.Cases;
using CallRouter.Core.Persistence;
using CallRouter.Routing;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <content>What the gateway reports from the SIP side of a call.</content>
public sealed partial class RoutingCoordinator
{
    /// <summary>
    /// Applies a SIP-side event. The returned task completes when the call's case has logged
    /// it (already complete when nothing goes to the case); it is started under the lock, so
    /// case work keeps the order of events, and awaited outside it.
    /// </summary>
    public Task ReportCallEvent(Proto.CallEventRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.CallId))
        {
            throw RoutingFailures.Invalid("call_id is required");
        }

        Task logged = Task.CompletedTask;
        lock (_gate)
        {
            if (!_calls.TryGetValue(request.CallId, out TrackedCall? call))
            {
                throw RoutingFailures.NotFound($"no call '{Truncate(request.CallId)}' is being routed");
            }

            switch (request.EventCase)
            {
                case Proto.CallEventRequest.EventOneofCase.Answered:
                    // The engine already counts the call answered at acceptance; the SIP answer
                    // only confirms it, and is when talk time starts for the case. After a transfer
                    // to L2 the first answer (L1's) stands: the case's wait is the time to answer, and
                    // this answer is L2's, which ends the caller's L2 wait and starts the L2 talk. A late
                    // (retried) report of the L1 answer names the L1 agent and changes nothing.
                    if (call.TransferredBy is null)
                    {
                        call.AnsweredAt = _time.GetUtcNow();
                    }
                    else if (call.AgentId is not null && (string.IsNullOrEmpty(request.Answered.AgentId)
                        || string.Equals(request.Answered.AgentId, call.AgentId, StringComparison.OrdinalIgnoreCase)))
                    {
                        call.Level2AnsweredAt = _time.GetUtcNow();
                    }

                    break;
                case Proto.CallEventRequest.EventOneofCase.Abandoned:
                    RoutingFailures.ThrowIfFailed(_engine.AbandonCall(request.CallId));
                    Record(call, "abandoned", WaitOf(call, request.Abandoned.Waited), call.EarlierTalk);
                    logged = LogOnCase(call, answered: call.TransferredBy is not null, voicemail: false,
                        call.TransferredBy is null
                            ? $"caller hung up after {call.Waited:hh\\:mm\\:ss} in queue"
                            : $"caller hung up waiting for L2 after {call.EarlierTalk:hh\\:mm\\:ss} with {call.TransferredBy} and {call.Waited:hh\\:mm\\:ss} in queues");
                    break;
                case Proto.CallEventRequest.EventOneofCase.Voicemail:
                    RoutingFailures.ThrowIfFailed(_engine.AbandonCall(request.CallId));
                    // R12: a voicemail counts as abandoned and leaves a call-back task behind.
                    _repository.AddCallbackTask(request.CallId, call.Context.CallbackNumber,
                        request.Voicemail.RecordingUri, _time.GetUtcNow());
                    Record(call, "voicemail", WaitOf(call, request.Voicemail.Waited), call.EarlierTalk);
                    logged = LogOnCase(call, answered: call.TransferredBy is not null, voicemail: true, "caller left a voice message; call-back task created");
                    break;
                case Proto.CallEventRequest.EventOneofCase.Transferred:
                    break;
                case Proto.CallEventRequest.EventOneofCase.Ended:
                    RoutingFailures.ThrowIfFailed(_engine.EndCall(request.CallId));
                    Record(call, "answered", WaitOf(call, request.Ended.Waited), TalkOf(call, request.Ended.Talked));
                    logged = LogOnCase(call, answered: call.AnsweredAt is not null, voicemail: false,
                        $"call with {call.AgentId ?? "no agent"} ended{(string.IsNullOrEmpty(request.Ended.EndedBy) ? "" : " by " + request.Ended.EndedBy)}"
                        + (call.TransferredBy is null ? "" : $" (transferred to L2 by {call.TransferredBy} after {call.EarlierTalk:hh\\:mm\\:ss}; {call.Waited:hh\\:mm\\:ss} in queues)"));
                    break;
                case Proto.CallEventRequest.EventOneofCase.AgentLegFailed:
                    RequeueAfterAgentLegFailed(call, request.AgentLegFailed);
                    break;
                default:
                    throw RoutingFailures.Invalid("event is required");
            }

            AfterOperation();
        }

        return logged;
    }

    /// <summary>Hands the call's end to its case (under the lock: only enqueues).</summary>
    private Task LogOnCase(TrackedCall call, bool answered, bool voicemail, string note)
    {
        if (_caseRecorder is null || string.IsNullOrEmpty(call.Context.ProblemNumber))
        {
            return Task.CompletedTask;
        }

        // A transferred call tells the case when L1's talk ended and L2's began, so the case's talk
        // leaves the caller's L2 wait out (billing counts talk only).
        return _caseRecorder.CallEnded(new CallOutcome(call.Context.CallId, call.Context.ProblemNumber, call.AgentId ?? call.TransferredBy,
            answered ? call.AnsweredAt : null, _time.GetUtcNow(), voicemail, note)
        {
            TransferredAt = call.TransferredAt,
            TransferredBy = call.TransferredBy,
            Level2AnsweredAt = call.Level2AnsweredAt,
        });
    }

    /// <summary>
    /// The agent's softphone did not answer: the engine puts the call back at the front of
    /// its queue with its original wait and makes the agent not ready, so the call does not
    /// bounce straight back.
    /// </summary>
    private void RequeueAfterAgentLegFailed(TrackedCall call, Proto.AgentLegFailed failed)
    {
        RoutingFailures.ThrowIfFailed(_engine.ReturnCallToQueue(call.Context.CallId, $"softphone did not answer (SIP {failed.SipStatus})"));
        call.AgentId = null;

        // A transferred caller is still waiting for L2: the next L2 acceptance ends that wait.
        call.Level2AnsweredAt = null;
    }

    private void Record(TrackedCall call, string outcome, TimeSpan waited, TimeSpan talked, string? agentId = null) =>
        _repository.SaveCallRecord(new CallRecord(call.Context.CallId, call.Model, call.Context.Severity,
            call.Context.CustomerAccount, call.Context.ProblemNumber, call.Context.FromManufacturer, outcome,
            agentId ?? call.AgentId, waited, talked, _time.GetUtcNow()));

    /// <summary>
    /// The wait to record: the gateway's figure, except for a transferred call, whose gateway clock ran through the
    /// L1 talk; the engine's total wait (L1 wait + L2 wait) is used instead.
    /// </summary>
    private static TimeSpan WaitOf(TrackedCall call, Google.Protobuf.WellKnownTypes.Duration? reported) =>
        call.TransferredBy is null && reported is not null ? reported.ToTimeSpan() : call.Waited;

    /// <summary>Talk time to record: the gateway's figure for the last agent, plus the L1 talk of a transferred call.</summary>
    private static TimeSpan TalkOf(TrackedCall call, Google.Protobuf.WellKnownTypes.Duration? reported) =>
        call.EarlierTalk + (reported?.ToTimeSpan() ?? TimeSpan.Zero);
}
