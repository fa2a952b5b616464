using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Snpp;

namespace CallRouter.Escalation.Tests;

/// <summary>A paging terminal that fails the first SEND: the client reports 554 and the next page goes through.</summary>
public sealed class SnppFailingSendTests : IAsyncLifetime
{
    private PtasSimulatorProcess _simulator = null!;

    public async Task InitializeAsync() =>
        _simulator = await PtasSimulatorProcess.StartAsync("--fail-sends", "1", "--engineer", "* never");

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task SendPage_PagingTerminalFailsOnce_Reports554ThenSucceeds()
    {
        var client = new SnppClient(new SnppClientOptions { Port = _simulator.Port, Timeout = TimeSpan.FromSeconds(20) }, TimeProvider.System);
        var page = new PageRequest("8887900", "case 260001", "+19194613016");

        var ex = await Assert.ThrowsAsync<ContactChannelException>(() => client.SendPageAsync(page, CancellationToken.None));
        var receipt = await client.SendPageAsync(page, CancellationToken.None);

        Assert.Equal(554, ex.Code);
        Assert.Contains("SEND refused", ex.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(receipt.MessageTag));
    }
}
