using CallRouter.Simulators.Storm.Profile;
using CallRouter.Simulators.Storm.Reporting;

namespace CallRouter.Simulators.Storm.Tests;

/// <summary>
/// Small bounded storms against the real all-in-one server process on loopback: SIPp callers through the
/// IVR, simulated agents (AdminService accounts, digest-registered softphones, gRPC consoles) answering.
/// </summary>
public sealed class StormEndToEndTests
{
    private static async Task<(StormReport Report, string Output)> RunStormAsync(StormProfile profile)
    {
        // The softphones' and the gateway's RTP above the kernel's ephemeral range (32768-60999) and away from the
        // ranges other test projects use, each in one of two 1,000-port windows, so storms and other suites running
        // at the same time rarely meet (a shared range made the gateway answer 500 "No free RTP port pair").
        int agentRtp = 61000 + (Random.Shared.Next(2) * 1000);
        int gatewayRtp = 63000 + (Random.Shared.Next(2) * 1000);
        profile = profile with { AgentRtpPortStart = agentRtp, AgentRtpPortEnd = agentRtp + 999 };
        var settings = new Dictionary<string, string>(ServerSettings.For(profile))
        {
            ["CallRouter__Gateway__RtpPortStart"] = gatewayRtp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CallRouter__Gateway__RtpPortEnd"] = (gatewayRtp + 999).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var server = await ServerProcess.StartAsync(settings);
        profile = profile with { GrpcAddress = $"http://127.0.0.1:{server.GrpcPort}", SipServer = $"127.0.0.1:{server.SipPort}" };
        var output = new StringWriter();
        try
        {
            var report = await new StormRunner(profile, TextWriter.Synchronized(output)).RunAsync(CancellationToken.None);
            string serverOutput = server.Output;
            string tail = serverOutput.Length > 20_000 ? serverOutput[^20_000..] : serverOutput;
            return (report, output + report.ToTable() + "\nserver output (tail):\n" + tail);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"storm failed: {e.Message}\n{output}\n{server.Output}", e);
        }
    }

    [Fact]
    public async Task Storm_FiveCallsThreeAgents_EveryCallAnsweredBridgedAndCompleted()
    {
        var profile = new StormProfile
        {
            Calls = 5, CallRate = 1, Agents = 3, AgentPrefix = "e2e", TalkSeconds = 3, ThinkSeconds = 0.1, WrapUpSeconds = 0.5,
            PatienceSeconds = 120, MaxDurationSeconds = 150, ReportFile = "",
            Models = new Dictionary<string, double> { ["NS10"] = 1, ["NS-5"] = 1 },
            Severities = new Dictionary<int, double> { [2] = 1, [3] = 1 },
        };

        var (report, output) = await RunStormAsync(profile);

        Assert.True(report.Offered == 5, output);
        Assert.True(report.Failed == 0, output);
        Assert.True(report.Completed == 5, output);
        Assert.True(report.Answered == 5, output);
        Assert.True(report.CoreOffered == 5, output);
        Assert.True(report.Abandoned == 0, output);
        Assert.True(report.MaxConcurrentBridged is >= 1 and <= 3, output);
        Assert.True(report.TimeToAgentMs.Count == 5, output);
        // Audio went both ways: the agents' packets came back through the gateway and the callers' echo.
        Assert.True(report.RtpPacketsSent > 5 * 100 && report.RtpPacketsReceived > 5 * 100, output);
    }

    [Fact]
    public async Task Storm_CallersPressKeysBySipInfo_EveryCallThroughTheIvrAndAnswered()
    {
        var profile = new StormProfile
        {
            Calls = 3, CallRate = 1, Agents = 2, AgentPrefix = "info", TalkSeconds = 2, ThinkSeconds = 0.1, WrapUpSeconds = 0.5,
            Digits = "info", PatienceSeconds = 120, MaxDurationSeconds = 150, ReportFile = "",
            Severities = new Dictionary<int, double> { [1] = 1, [4] = 1 },
        };

        var (report, output) = await RunStormAsync(profile);

        Assert.True(report.Failed == 0, output);
        Assert.True(report.Completed == 3, output);
        Assert.True(report.Answered == 3, output);
        Assert.True(report.Abandoned == 0, output);
    }

    [Fact]
    public async Task Storm_SomeAgentPhonesBusy_CallsRequeuedAndStillAllAnswered()
    {
        var profile = new StormProfile
        {
            Calls = 4, CallRate = 1, Agents = 2, AgentPrefix = "busy", TalkSeconds = 2, ThinkSeconds = 0.1, WrapUpSeconds = 0.5,
            BusyShare = 0.3, Seed = 3, PatienceSeconds = 120, MaxDurationSeconds = 150, ReportFile = "",
        };

        var (report, output) = await RunStormAsync(profile);

        Assert.True(report.Failed == 0, output);
        Assert.True(report.Answered == 4, output);
        Assert.True(report.AgentLegsBusy >= 1, output);
        Assert.True(report.AgentLegsAnswered == 4, output);
    }
}
