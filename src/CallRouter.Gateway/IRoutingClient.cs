using CallRouter.Contracts.V1;

namespace CallRouter.Gateway;

/// <summary>The gateway's view of the routing core's RoutingService (a gRPC client in production, a fake in tests).</summary>
public interface IRoutingClient
{
    /// <summary>Queues the call; throws <see cref="Grpc.Core.RpcException"/> for refused context (see routing.proto).</summary>
    Task<RegisterCallResponse> RegisterCallAsync(CallContext context, CancellationToken cancellationToken);

    /// <summary>The core's events for one call until it leaves the core.</summary>
    IAsyncEnumerable<RoutingEvent> WatchCallAsync(string callId, CancellationToken cancellationToken);

    Task ReportAsync(CallEventRequest report, CancellationToken cancellationToken);
}
