using System.Net;
using System.Text;
using System.Text.Json;
using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Snpp;

namespace CallRouter.Escalation.Tests;

/// <summary>
/// The simulator's "cannot reach" push (--notify-url): a JSON body with the page's fields and the
/// bearer token, retried while the desk answers 5xx (restarting, say) and stopped at a 2xx.
/// The PTAS gives up after 2 simulated minutes (0.2 s real at 600x).
/// </summary>
public sealed class SimulatorNotifyTests
{
    [Fact]
    public async Task NotifyUrl_DeskAnswers503ThenOk_NoticeRetriedUntilAcceptedWithTokenAndFields()
    {
        int port = FreeTcpPort();
        using var desk = new HttpListener();
        desk.Prefixes.Add($"http://127.0.0.1:{port}/notices/");
        desk.Start();
        await using var simulator = await PtasSimulatorProcess.StartAsync("--clock-speed", "600", "--give-up-after", "2", "--engineer", "* never",
            "--notify-url", $"http://127.0.0.1:{port}/notices/", "--notify-token", "t0ken");
        var client = new SnppClient(new SnppClientOptions { Port = simulator.Port, Timeout = TimeSpan.FromSeconds(20) }, TimeProvider.System);

        var receipt = await client.SendPageAsync(new PageRequest("8887950", "case 260001", "+19194613016"), CancellationToken.None);
        var bodies = new List<string>();
        string? authorization = null;
        foreach (var status in new[] { 503, 200 })
        {
            var context = await desk.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30));
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                bodies.Add(await reader.ReadToEndAsync());
            }

            authorization = context.Request.Headers["Authorization"];
            context.Response.StatusCode = status;
            context.Response.Close();
        }

        await simulator.WaitForLineAsync($"tag={receipt.MessageTag} -> 200", TimeSpan.FromSeconds(20));
        Assert.Equal(bodies[0], bodies[1]);
        using var json = JsonDocument.Parse(bodies[1]);
        Assert.Equal(receipt.MessageTag, json.RootElement.GetProperty("tag").GetString());
        Assert.Equal("8887950", json.RootElement.GetProperty("pagerId").GetString());
        Assert.Equal("+19194613016", json.RootElement.GetProperty("callerId").GetString());
        Assert.Equal("UNREACHABLE", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Bearer t0ken", authorization);
        Assert.Single(simulator.Lines, l => l.Contains("-> 503", StringComparison.Ordinal));
    }

    private static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
