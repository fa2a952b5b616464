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
    /// The agent's softphone did not answer: the engine puts the call back at the front of
    /// its queue with its original wait and makes the agent not ready, so the call does not
    /// bounce straight back.
    /// </summary>
    private void RequeueAfterAgentLegFailed(TrackedCall call, Proto.AgentLegFailed failed)
    {
        RoutingFailures.ThrowIfFailed(_engine.ReturnCallToQueue(call.Context.CallId, $"softphone did not answer (SIP {failed.SipStatus})"));
        call.AgentId = null;
    }

    private void Record(TrackedCall call, string outcome, TimeSpan waited, TimeSpan talked) =>
        _repository.SaveCallRecord(new CallRecord(call.Context.CallId, call.Model, call.Context.Severity,
            call.Context.CustomerAccount, call.Context.ProblemNumber, call.Context.FromManufacturer, outcome,
            call.AgentId, waited, talked, _time.GetUtcNow()));
}
