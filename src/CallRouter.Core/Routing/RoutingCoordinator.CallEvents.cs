using CallRouter.Core.Persistence;
using CallRouter.Routing;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <content>What the gateway reports from the SIP side of a call.</content>
public sealed partial class RoutingCoordinator
{
    public void ReportCallEvent(Proto.CallEventRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.CallId))
        {
            throw RoutingFailures.Invalid("call_id is required");
        }

        lock (_gate)
        {
            if (!_calls.TryGetValue(request.CallId, out TrackedCall? call))
            {
                throw RoutingFailures.NotFound($"no call '{Truncate(request.CallId)}' is being routed");
            }

            switch (request.EventCase)
            {
                case Proto.CallEventRequest.EventOneofCase.Answered:
                    // The engine already counts the call answered at acceptance; the SIP answer only confirms it.
                    break;
                case Proto.CallEventRequest.EventOneofCase.Abandoned:
                    RoutingFailures.ThrowIfFailed(_engine.AbandonCall(request.CallId));
                    Record(call, "abandoned", request.Abandoned.Waited?.ToTimeSpan() ?? call.Waited, TimeSpan.Zero);
                    break;
                case Proto.CallEventRequest.EventOneofCase.Voicemail:
                    RoutingFailures.ThrowIfFailed(_engine.AbandonCall(request.CallId));
                    // R12: a voicemail counts as abandoned and leaves a call-back task behind.
                    _repository.AddCallbackTask(request.CallId, call.Context.CallbackNumber,
                        request.Voicemail.RecordingUri, _time.GetUtcNow());
                    Record(call, "voicemail", request.Voicemail.Waited?.ToTimeSpan() ?? call.Waited, TimeSpan.Zero);
                    break;
                case Proto.CallEventRequest.EventOneofCase.Transferred:
                    break;
                case Proto.CallEventRequest.EventOneofCase.Ended:
                    RoutingFailures.ThrowIfFailed(_engine.EndCall(request.CallId));
                    Record(call, "answered", request.Ended.Waited?.ToTimeSpan() ?? call.Waited, request.Ended.Talked?.ToTimeSpan() ?? TimeSpan.Zero);
                    break;
                case Proto.CallEventRequest.EventOneofCase.AgentLegFailed:
                    RequeueAfterAgentLegFailed(call, request.AgentLegFailed);
                    break;
                default:
                    throw RoutingFailures.Invalid("event is required");
            }

            AfterOperation();
        }
    }

    /// <summary>
    /// The agent's softphone did not answer: the agent is made not ready (so the call does
    /// not bounce straight back) and the call is queued again at its level.
    /// </summary>
    private void RequeueAfterAgentLegFailed(TrackedCall call, Proto.AgentLegFailed failed)
    {
        if (call.AgentId is null || _engine.GetCall(call.Context.CallId) is not { State: CallState.Connected })
        {
            throw RoutingFailures.Precondition($"call '{Truncate(call.Context.CallId)}' is not connected to an agent");
        }

        string agentId = call.AgentId;
        _requeueing = call;
        try
        {
            RoutingFailures.ThrowIfFailed(_engine.EndCall(call.Context.CallId));
        }
        finally
        {
            _requeueing = null;
        }

        _engine.SetNotReady(agentId, $"softphone did not answer (SIP {failed.SipStatus})");
        call.AgentId = null;
        _calls[call.Context.CallId] = call;
        RoutingFailures.ThrowIfFailed(_engine.EnqueueCall(new CallRequest(call.Context.CallId, call.Model, call.Context.Severity, call.Level)));
    }

    private void Record(TrackedCall call, string outcome, TimeSpan waited, TimeSpan talked) =>
        _repository.SaveCallRecord(new CallRecord(call.Context.CallId, call.Model, call.Context.Severity,
            call.Context.CustomerAccount, call.Context.ProblemNumber, call.Context.FromManufacturer, outcome,
            call.AgentId, waited, talked, _time.GetUtcNow()));
}
