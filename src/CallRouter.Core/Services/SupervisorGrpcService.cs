using CallRouter.Contracts.V1;
using CallRouter.Core.Auth;
using CallRouter.Core.Routing;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CallRouter.Core.Services;

/// <summary>Live queue and agent statistics for supervisors and administrators.</summary>
[Authorize(Roles = Roles.SupervisorsAndAdmins)]
public sealed class SupervisorGrpcService(RoutingCoordinator coordinator) : SupervisorService.SupervisorServiceBase
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    public override Task<StatisticsSnapshot> GetSnapshot(GetSnapshotRequest request, ServerCallContext context) =>
        Task.FromResult(coordinator.Snapshot());

    public override async Task WatchStatistics(WatchStatisticsRequest request, IServerStreamWriter<StatisticsSnapshot> responseStream, ServerCallContext context)
    {
        TimeSpan interval = request.Interval is null ? DefaultInterval : request.Interval.ToTimeSpan();
        if (interval < MinimumInterval)
        {
            interval = MinimumInterval;
        }

        using var timer = new PeriodicTimer(interval, coordinator.Time);
        do
        {
            await responseStream.WriteAsync(coordinator.Snapshot(), context.CancellationToken);
        }
        while (await timer.WaitForNextTickAsync(context.CancellationToken));
    }
}
