using CallRouter.Escalation.Domain;
using Grpc.Core;

namespace CallRouter.Core.Escalations;

/// <summary>Escalation rejections as gRPC statuses (docs/escalation.md).</summary>
internal static class EscalationFailures
{
    public static RpcException ToRpc(EscalationException failure) => new(new Status(failure.Code switch
    {
        EscalationErrorCode.InvalidArgument => StatusCode.InvalidArgument,
        EscalationErrorCode.UnknownCase or EscalationErrorCode.UnknownEscalation => StatusCode.NotFound,
        EscalationErrorCode.AlreadyEscalated or EscalationErrorCode.InvalidState => StatusCode.FailedPrecondition,
        EscalationErrorCode.Conflict => StatusCode.Aborted,
        _ => StatusCode.Internal,
    }, failure.Message));
}
