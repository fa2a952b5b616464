using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Cli.Tests;

/// <summary>One real server process for the console tests of a class, with gateway and supervisor clients.</summary>
public sealed class ConsoleServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;
    private GrpcChannel? _channel;

    internal ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    /// <summary>Plays the SIP gateway's part over gRPC: registers calls and reports what happens on the phones.</summary>
    public RoutingService.RoutingServiceClient Gateway { get; private set; } = null!;

    public SupervisorService.SupervisorServiceClient Supervisor { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            // Long enough that no offer or wrap-up runs out while a test is typing.
            ["CallRouter__Routing__OfferTimeout"] = "00:01:00",
            ["CallRouter__Routing__WrapUpTime"] = "00:02:00",
        });
        _channel = _server.CreateChannel();
        Gateway = new RoutingService.RoutingServiceClient(await _channel.LoginAsync("gateway", "demo-gateway"));
        Supervisor = new SupervisorService.SupervisorServiceClient(await _channel.LoginAsync("supervisor", "demo-supervisor"));
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>How many agents the server reports in <paramref name="state"/>.</summary>
    public async Task<int> AgentsInStateAsync(AgentState state)
    {
        StatisticsSnapshot snapshot = await Supervisor.GetSnapshotAsync(new GetSnapshotRequest(), deadline: Deadline());
        return snapshot.Agents.Where(a => a.State == state).Sum(a => a.Count);
    }

    public static DateTime Deadline(int seconds = 15) => DateTime.UtcNow.AddSeconds(seconds);
}
