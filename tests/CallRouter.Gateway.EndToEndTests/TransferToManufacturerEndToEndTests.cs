using System.Globalization;
using CallRouter.Contracts.V1;
using static CallRouter.Gateway.EndToEndTests.CallFlowEndToEndTests;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// SPEC R6: the agent sends the caller on to the manufacturer's Level 3 line. The gateway hangs up the agent's
/// phone and REFERs the caller's switch to the configured Mfr TS address; the core lets the call go and the case
/// notes the transfer.
/// </summary>
public sealed class TransferToManufacturerEndToEndTests
{
    [Fact]
    public async Task AgentTransfersToManufacturer_AgentPhoneHungUpAndCallerReferredToMfrTsLine()
    {
        await using var server = await GatewayServer.StartAsync();
        using var channel = server.CreateChannel();
        var supervisor = await SupervisorAsync(channel);
        string phonePort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        await using var alice = await AgentConsole.OpenAsync(channel, "alice", "demo-alice", $"sip:alice@127.0.0.1:{phonePort}");
        await using var phone = SippRunner.Start("-sf", SippRunner.Scenario("agent_transferring.xml"), "-m", "1", "-i", "127.0.0.1", "-p", phonePort,
            "-mp", LoopbackPorts.FreeMediaPair().ToString(CultureInfo.InvariantCulture), "-key", "agent", "alice", "-timeout", "140s");
        await using var caller = SippRunner.Start(CallerArguments(server, "caller_mfr_transfer.xml", "NS10", "-rtp_echo"));

        var offer = (await WithContext(alice.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
        await alice.AcceptAsync(offer.CallId);
        await WithContext(alice.NextAsync(AgentEvent.EventOneofCase.CallStarted, EventLimit), server, caller);
        await WaitForOutputAsync(server, "bridged to agent alice");
        await alice.TransferToManufacturerAsync(offer.CallId);

        // Alice's phone gets the gateway's BYE; the caller's switch gets a REFER naming sip:mfr-ts@… (else its scenario fails).
        Assert.True(await phone.WaitAsync(SippLimit) == 0, phone.Describe() + server.Output);
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WaitForAsync(supervisor, s => s.CallsWaiting == 0 && s.CallsOfferedToday == 1, "the call to leave the queue", server, caller);

        var cases = new CaseService.CaseServiceClient(await channel.LoginAsync("alice", "demo-alice"));
        var detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = offer.Case.ProblemNumber }, deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.Contains("Level 3", detail.ToString(), StringComparison.Ordinal);
    }
}
