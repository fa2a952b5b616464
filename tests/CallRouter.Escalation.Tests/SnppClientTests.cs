using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Snpp;

namespace CallRouter.Escalation.Tests;

/// <summary>
/// The SNPP client against the PTAS simulator as a real process on loopback. The simulator's
/// clock runs 600 times real time: a simulated minute is 0.1 s. The PTAS never gives up here,
/// so an unanswered page stays "delivered" however slow the machine is.
/// </summary>
public sealed class SnppClientTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private PtasSimulatorProcess _simulator = null!;
    private SnppClient _client = null!;

    public async Task InitializeAsync()
    {
        _simulator = await PtasSimulatorProcess.StartAsync(
            "--clock-speed", "600",
            "--give-up-after", "0",
            "--engineer", "8887900 answer-after 1 Dana Smith",
            "--engineer", "8887901 answer-then-drop 1 1 Lee",
            "--engineer", "* never",
            "--reject", "BADPAGER",
            "--fail-sends", "0");
        _client = new SnppClient(new SnppClientOptions { Port = _simulator.Port, Timeout = TimeSpan.FromSeconds(20) }, TimeProvider.System);
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    internal static async Task<PageStatus> WaitForStateAsync(SnppClient client, PageReceipt receipt, PageState state)
    {
        // Bounded: a few simulated minutes take well under a real second; 20 s allows a loaded machine.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        PageStatus status;
        do
        {
            status = await client.QueryStatusAsync(receipt, None);
            if (status.State == state)
            {
                return status;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"page {receipt.MessageTag} stayed {status.State}, expected {state}");
    }

    [Fact]
    public async Task SendPage_ToSimulator_PageArrivesWithCallbackAndStatusIsDelivered()
    {
        var receipt = await _client.SendPageAsync(new PageRequest("8887999", "case 260001: call Pat Desk at +19194613016", "+19194613016"), None);

        var status = await _client.QueryStatusAsync(receipt, None);
        var logged = await _simulator.WaitForLineAsync($"PAGE tag={receipt.MessageTag}", TimeSpan.FromSeconds(10));

        Assert.Equal(PageState.Delivered, status.State);
        Assert.Contains("caller=+19194613016", logged, StringComparison.Ordinal);
        Assert.Contains("Pat Desk", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryStatus_EngineerAnswersAfterOneMinute_ReportsAnsweredWithName()
    {
        var receipt = await _client.SendPageAsync(new PageRequest("8887900", "case 260001", "+19194613016"), None);

        var status = await WaitForStateAsync(_client, receipt, PageState.Answered);

        Assert.Equal("Dana Smith", status.Responder);
    }

    [Fact]
    public async Task QueryStatus_EngineerAnswersThenDrops_ReportsDropped()
    {
        var receipt = await _client.SendPageAsync(new PageRequest("8887901", "case 260001", "+19194613016"), None);

        var status = await WaitForStateAsync(_client, receipt, PageState.Dropped);

        Assert.Equal("Lee", status.Responder);
    }

    [Fact]
    public async Task SendPage_RejectedPagerId_ThrowsWithTheServersCode()
    {
        var ex = await Assert.ThrowsAsync<ContactChannelException>(() =>
            _client.SendPageAsync(new PageRequest("BADPAGER", "case 260001", "+19194613016"), None));

        Assert.Equal(550, ex.Code);
        Assert.Contains("PAGE refused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryStatus_WrongPassCode_ThrowsWithTheServersCode()
    {
        var receipt = await _client.SendPageAsync(new PageRequest("8887900", "case 260001", "+19194613016"), None);

        var ex = await Assert.ThrowsAsync<ContactChannelException>(() =>
            _client.QueryStatusAsync(receipt with { PassCode = "000000" }, None));

        Assert.Equal(550, ex.Code);
    }

    [Fact]
    public async Task SendPage_NothingListening_ThrowsTransportError()
    {
        // A port the simulator is not on: take a free one and close it again.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = new SnppClient(new SnppClientOptions { Port = port, Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System);

        var ex = await Assert.ThrowsAsync<ContactChannelException>(() =>
            client.SendPageAsync(new PageRequest("8887900", "case", "+1"), None));

        Assert.Null(ex.Code);
        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
    }
}
