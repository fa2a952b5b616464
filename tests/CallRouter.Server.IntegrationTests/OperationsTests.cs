using System.Diagnostics;
using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

/// <summary>Operational behaviour of the host process: metrics, logs without secrets, graceful stop.</summary>
public sealed class OperationsTests
{
    [Fact]
    public async Task Metrics_AfterACall_ExposePrometheusCounters()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        using var channel = server.CreateChannel();
        var gateway = new RoutingService.RoutingServiceClient(await channel.LoginAsync("gateway", "demo-gateway"));
        await gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = "metrics-1", MachineModel = "NS-5", Severity = 1 },
        }, deadline: DateTime.UtcNow.AddSeconds(15));

        using var http = new HttpClient();
        string metrics = await http.GetStringAsync($"http://127.0.0.1:{server.HttpPort}/metrics");

        Assert.Contains("callrouter_calls_registered_total", metrics);
        Assert.Contains("callrouter_calls_waiting", metrics);
    }

    [Fact]
    public async Task Logs_OfFailedAndSuccessfulLogins_NeverContainPasswordsOrTokens()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();
        using var channel = server.CreateChannel();
        var auth = new AuthService.AuthServiceClient(channel);
        await Assert.ThrowsAsync<RpcException>(() => auth.LoginAsync(
            new LoginRequest { UserName = "admin", Password = "Secret-Guess-42" }, deadline: DateTime.UtcNow.AddSeconds(15)).ResponseAsync);
        LoginResponse ok = await auth.LoginAsync(new LoginRequest { UserName = "admin", Password = "demo-admin" }, deadline: DateTime.UtcNow.AddSeconds(15));

        await WaitForAsync(() => server.Output.Contains("admin logged in"));

        Assert.Contains("Login failed for admin", server.Output);
        Assert.DoesNotContain("Secret-Guess-42", server.Output);
        Assert.DoesNotContain("demo-admin", server.Output);
        Assert.DoesNotContain(ok.AccessToken, server.Output);
    }

    [Fact]
    public async Task Sigterm_StopsTheServerCleanly()
    {
        await using ServerProcess server = await ServerProcess.StartAsync();

        using (Process kill = Process.Start("kill", ["-TERM", server.ProcessId.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        int exitCode = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exitCode);
        Assert.Contains("Application is shutting down", server.Output);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "condition not met within 5 s");
    }
}
