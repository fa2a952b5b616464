using CallRouter.Routing;
using Grpc.Core;

namespace CallRouter.Core.Routing;

/// <summary>Maps refused engine operations and bad requests to precise gRPC statuses.</summary>
internal static class RoutingFailures
{
    public static void ThrowIfFailed(RoutingResult result)
    {
        if (result.IsSuccess)
        {
            return;
        }

        StatusCode code = result.Category switch
        {
            RoutingErrorCategory.NotFound => StatusCode.NotFound,
            RoutingErrorCategory.FailedPrecondition => StatusCode.FailedPrecondition,
            _ => StatusCode.InvalidArgument,
        };
        throw new RpcException(new Status(code, result.Message ?? result.Error.ToString()));
    }

    public static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException Precondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));
}
