using CallRouter.Contracts.V1;
using CallRouter.Core.Auth;
using CallRouter.Core.Routing;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CallRouter.Core.Services;

/// <summary>The gateway's side of routing: register calls, follow them, report SIP outcomes.</summary>
[Authorize(Roles = Roles.Gateway)]
public sealed class RoutingGrpcService(RoutingCoordinator coordinator) : RoutingService.RoutingServiceBase
{
    public override Task<RegisterCallResponse> RegisterCall(RegisterCallRequest request, ServerCallContext context) =>
        Task.FromResult(coordinator.RegisterCall(request.Context));

    public override async Task WatchCall(WatchCallRequest request, IServerStreamWriter<RoutingEvent> responseStream, ServerCallContext context)
    {
        var events = coordinator.WatchCall(request.CallId);
        await foreach (RoutingEvent routingEvent in events.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(routingEvent, context.CancellationToken);
        }
    }

    public override Task<CallEventResponse> ReportCallEvent(CallEventRequest request, ServerCallContext context)
    {
        coordinator.ReportCallEvent(request);
        return Task.FromResult(new CallEventResponse());
    }
}
