using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Server.IntegrationTests;

/// <summary>One real server process shared by the tests of a class, plus helpers to log in.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;
    private GrpcChannel? _channel;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");
    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            // Short enough that offer time-outs could be observed, long enough not to fire by accident.
            ["CallRouter__Routing__OfferTimeout"] = "00:00:30",
            ["CallRouter__Routing__WrapUpTime"] = "00:02:00",
        });
        _channel = _server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public Task<CallInvoker> LoginAsync(string user, string password) => Channel.LoginAsync(user, password);

    public static DateTime Deadline(int seconds = 15) => DateTime.UtcNow.AddSeconds(seconds);
}
