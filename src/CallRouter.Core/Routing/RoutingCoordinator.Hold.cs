using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <content>Hold and resume asked for from the agent's console: the gateway does the SIP and media work.</content>
public sealed partial class RoutingCoordinator
{
    /// <summary>
    /// Tells the gateway to hold (music to the caller) or resume the agent's bridged call. Only the agent the call
    /// is connected to, from its current console session, may ask; otherwise nothing changes.
    /// </summary>
    public void Hold(AgentSession session, Proto.HoldCall hold)
    {
        lock (_gate)
        {
            if (!_sessions.TryGetValue(session.AgentId, out AgentSession? current) || !ReferenceEquals(current, session))
            {
                throw RoutingFailures.Precondition($"agent '{Truncate(session.AgentId)}' is not logged in on this console");
            }

            string callId = hold.CallId ?? "";
            if (!_calls.TryGetValue(callId, out TrackedCall? call) || call.AgentId is null || call.AnsweredAt is null)
            {
                throw RoutingFailures.Precondition($"call '{Truncate(callId)}' is not connected to an agent");
            }

            if (!string.Equals(call.AgentId, session.AgentId, StringComparison.OrdinalIgnoreCase))
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, $"call '{Truncate(callId)}' is connected to another agent"));
            }

            call.Post(new Proto.RoutingEvent
            {
                CallId = call.Context.CallId,
                At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
                AgentHold = new Proto.AgentHold { AgentId = session.AgentId, Hold = hold.Hold },
            });
        }
    }
}
