using CallRouter.Cases.Domain;
using CallRouter.Contracts.V1;
using CallRouter.Core.Auth;
using CallRouter.Core.Cases;
using CallRouter.Core.Routing;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CallRouter.Core.Services;

/// <summary>The gateway's side of routing: register calls (with their cases), follow them, report SIP outcomes.</summary>
[Authorize(Roles = Roles.Gateway)]
public sealed class RoutingGrpcService(RoutingCoordinator coordinator, CaseIntake intake) : RoutingService.RoutingServiceBase
{
    public override Task<RegisterCallResponse> RegisterCall(RegisterCallRequest request, ServerCallContext context) =>
        intake.RegisterAsync(request.Context, context.GetHttpContext().User.Identity?.Name ?? Roles.Gateway, context.CancellationToken);

    public override async Task WatchCall(WatchCallRequest request, IServerStreamWriter<RoutingEvent> responseStream, ServerCallContext context)
    {
        var events = coordinator.WatchCall(request.CallId);
        await foreach (RoutingEvent routingEvent in events.ReadAllAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(routingEvent, context.CancellationToken);
        }
    }

    /// <summary>Acknowledged once the routing core has applied the event and the case has logged it.</summary>
    public override async Task<CallEventResponse> ReportCallEvent(CallEventRequest request, ServerCallContext context)
    {
        try
        {
            await coordinator.ReportCallEvent(request);
        }
        catch (CaseException failure)
        {
            throw CaseFailures.ToRpc(failure);
        }

        return new CallEventResponse();
    }
}
