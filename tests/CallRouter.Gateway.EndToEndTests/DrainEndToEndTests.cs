using System.Diagnostics;
using System.Globalization;
using CallRouter.Contracts.V1;
using static CallRouter.Gateway.EndToEndTests.CallFlowEndToEndTests;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// Issue 5's drain: SIGTERM to the all-in-one server while a call is bridged. New callers get 503 with Retry-After,
/// the bridged call goes on to its normal end, and its end reaches the routing core (still serving gRPC during the
/// drain) and is on the case when the server is started again on the same data.
/// </summary>
public sealed class DrainEndToEndTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("callrouter-e2e-drain-");

    public void Dispose()
    {
        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temp cleaning.
        }
    }

    [Fact]
    public async Task Sigterm_DuringBridgedCall_NewCallerGets503AndCallEndsNormallyAndIsRecorded()
    {
        Offer offer;
        await using (var server = await GatewayServer.StartAsync(new Dictionary<string, string> { ["CallRouter__Gateway__DrainTimeout"] = "00:00:30" }, _data.FullName))
        {
            using var channel = server.CreateChannel();
            string phonePort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
            await using var console = await AgentConsole.OpenAsync(channel, "alice", "demo-alice", $"sip:alice@127.0.0.1:{phonePort}");
            // Her phone answers, talks for 7 s and hangs up by itself.
            await using var phone = SippRunner.Start("-sf", SippRunner.Scenario("agent_softphone.xml"), "-m", "1", "-i", "127.0.0.1", "-p", phonePort,
                "-mp", LoopbackPorts.FreeMediaPair().ToString(CultureInfo.InvariantCulture), "-key", "agent", "alice", "-timeout", "140s");
            await using var caller = SippRunner.Start(CallerArguments(server, "caller_ivr_agent.xml", "NS10", "-rtp_echo"));
            offer = (await WithContext(console.NextAsync(AgentEvent.EventOneofCase.Offer, EventLimit), server, caller)).Offer;
            await console.AcceptAsync(offer.CallId);
            await WaitForOutputAsync(server, "bridged to agent alice");

            await SendSigtermAsync(server.ProcessId);
            await WaitForOutputAsync(server, "Gateway draining");
            await using (var late = SippRunner.Start(CallerArguments(server, "caller_drain_refused.xml", "NS10")))
            {
                // The scenario fails unless the answer is 503 with a Retry-After header.
                Assert.True(await late.WaitAsync(SippLimit) == 0, late.Describe() + server.Output);
            }

            // The bridged call finishes as usual: alice hangs up, the caller gets the gateway's BYE.
            Assert.True(await phone.WaitAsync(SippLimit) == 0, phone.Describe() + server.Output);
            Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
            Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.DoesNotContain("could not report", server.Output, StringComparison.Ordinal);
            Assert.Contains("ended by agent", server.Output, StringComparison.Ordinal);
        }

        // Started again on the same data: the case holds the call with alice's talk time.
        await using var again = await GatewayServer.StartAsync(dataDirectory: _data.FullName);
        using var againChannel = again.CreateChannel();
        var cases = new CaseService.CaseServiceClient(await againChannel.LoginAsync("alice", "demo-alice"));
        var detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = offer.Case.ProblemNumber }, deadline: DateTime.UtcNow.AddSeconds(30));
        var call = Assert.Single(detail.Calls, c => c.CallId == offer.CallId);
        Assert.Equal("alice", call.AgentId);
        Assert.NotNull(call.EndedAt);
        Assert.InRange(call.Talk.ToTimeSpan(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGTERM (what systemd and docker send), through kill(1): .NET has no managed call for it.</summary>
    private static async Task SendSigtermAsync(int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", processId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not run kill");
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await kill.WaitForExitAsync(limit.Token);
        Assert.Equal(0, kill.ExitCode);
    }
}
