using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Snpp;

namespace CallRouter.Escalation.Tests;

/// <summary>The PTAS gives up after 2 simulated minutes (0.2 s real at 600x) and says it cannot reach Mfr TS.</summary>
public sealed class SnppUnreachableTests : IAsyncLifetime
{
    private PtasSimulatorProcess _simulator = null!;

    public async Task InitializeAsync() =>
        _simulator = await PtasSimulatorProcess.StartAsync("--clock-speed", "600", "--give-up-after", "2", "--engineer", "* never");

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task QueryStatus_NobodyAnswersWithinGiveUp_ReportsUnreachableAndNotifies()
    {
        var client = new SnppClient(new SnppClientOptions { Port = _simulator.Port, Timeout = TimeSpan.FromSeconds(20) }, TimeProvider.System);
        var receipt = await client.SendPageAsync(new PageRequest("8887950", "case 260001", "+19194613016"), CancellationToken.None);

        await SnppClientTests.WaitForStateAsync(client, receipt, PageState.Unreachable);
        var notice = await _simulator.WaitForLineAsync($"NOTIFY UNREACHABLE tag={receipt.MessageTag}", TimeSpan.FromSeconds(20));

        Assert.Contains("caller=+19194613016", notice, StringComparison.Ordinal);
    }
}
