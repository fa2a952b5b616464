using CallRouter.Cases.Domain;
using Grpc.Core;

namespace CallRouter.Core.Cases;

/// <summary>Maps the case domain's closed list of rejections to precise gRPC statuses (docs/cases.md).</summary>
internal static class CaseFailures
{
    public static StatusCode StatusOf(CaseErrorCode code) => code switch
    {
        CaseErrorCode.InvalidArgument => StatusCode.InvalidArgument,
        CaseErrorCode.NotFound => StatusCode.NotFound,
        CaseErrorCode.InvalidTransition => StatusCode.FailedPrecondition,
        CaseErrorCode.PermissionDenied => StatusCode.PermissionDenied,
        CaseErrorCode.AlreadyExists => StatusCode.AlreadyExists,
        CaseErrorCode.Conflict => StatusCode.Aborted,
        _ => StatusCode.Internal,
    };

    public static RpcException ToRpc(CaseException failure) => new(new Status(StatusOf(failure.Code), failure.Message));

    /// <summary>Runs a domain call and turns its rejection into the matching status.</summary>
    public static async Task<T> Map<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (CaseException failure)
        {
            throw ToRpc(failure);
        }
    }
}
