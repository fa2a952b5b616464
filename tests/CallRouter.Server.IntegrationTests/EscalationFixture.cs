using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Server.IntegrationTests;

/// <summary>
/// A server whose Mfr TS business hours are "always", so every escalation takes the in-hours
/// phone path whatever the wall clock says (the phone leg is unavailable until the gateway
/// exists, which the escalation records as a failed contact).
/// </summary>
public sealed class EscalationFixture : IAsyncLifetime
{
    private ServerProcess? _server;
    private GrpcChannel? _channel;

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await ServerProcess.StartAsync(new Dictionary<string, string>
        {
            ["CallRouter__Escalation__Schedule__BusinessHours"] = "always",
            ["CallRouter__Escalation__Snpp__Port"] = "9",
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

    public Task<CallInvoker> LoginAsync(string user) => Channel.LoginAsync(user, "demo-" + user);
}
