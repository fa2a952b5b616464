namespace CallRouter.Routing;

/// <summary>How a refused operation should surface at the service edge (maps 1:1 onto gRPC status codes).</summary>
public enum RoutingErrorCategory
{
    /// <summary>Not an error.</summary>
    None = 0,

    /// <summary>The request itself is malformed (gRPC InvalidArgument).</summary>
    InvalidArgument,

    /// <summary>The request is well formed but the current state refuses it (gRPC FailedPrecondition).</summary>
    FailedPrecondition,

    /// <summary>The call or agent named does not exist (gRPC NotFound).</summary>
    NotFound,
}
