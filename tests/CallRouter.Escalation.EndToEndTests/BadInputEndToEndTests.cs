using CallRouter.Contracts.V1;
using CallRouter.Escalation.Tests;
using Grpc.Core;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>
/// Issue 7's bad input through the real server: an SNPP error from the pager side, an unknown
/// case, a malformed schedule or test clock. Each is reported clearly and no escalation is lost.
/// </summary>
public sealed class BadInputEndToEndTests
{
    private static readonly TimeSpan RealBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task PagerSideRefusesThePtasPage_ErrorRecordedOnTheCaseAndTheSilenceStillMovesToTheNextContact()
    {
        // 300x: the 30-minute window passes in 6 real seconds.
        var clock = new SharedClock(300);
        int snppPort = LoopbackPorts.Free();
        await using var ptas = await PtasSimulatorProcess.StartAsync([.. clock.SimulatorArguments(), "--port", $"{snppPort}", "--give-up-after", "0",
            "--reject", "MFRTS", "--engineer", "* never"]);
        await using var desk = await EscalationDesk.StartAsync(EscalationDesk.OutOfHoursSettings(clock, snppPort));
        string number = await desk.NewCaseAsync("bad-pager");
        var escalations = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));

        await escalations.EscalateAsync(new EscalateRequest { ProblemNumber = number, Summary = "NS10 fan failure" }, deadline: EscalationDesk.Deadline());

        var failed = await desk.WaitForEscalationAsync(number, e => e.History.Any(h => h.Kind == "ContactFailed"), RealBound);
        Assert.Contains("550", failed.History.First(h => h.Kind == "ContactFailed").Detail, StringComparison.Ordinal);
        await ptas.WaitForLineAsync("pager=8887900 caller=+18005550199", RealBound);
        var movedOn = await desk.WaitForEscalationAsync(number, e => e.ContactIndex == 1 && e.History.Any(h => h.Kind == "ContactDelivered"), RealBound);
        Assert.Single(movedOn.History, h => h.Kind == "NoResponse");
        Assert.Equal("AwaitingResponse", movedOn.State);
        var detail = await desk.WaitForCaseAsync(number, d => d.History.Any(h => h.Action == "EscalationNextContact"), RealBound);
        Assert.Contains(detail.History, h => h.Action == "EscalationContactFailed" && h.Detail.Contains("550", StringComparison.Ordinal));
        Assert.Equal(CaseState.ClosureDeferred, detail.Case.State);
    }

    [Fact]
    public async Task UnknownCase_IsNotFoundNamingTheCase()
    {
        var clock = new SharedClock(60);
        await using var desk = await EscalationDesk.StartAsync(EscalationDesk.OutOfHoursSettings(clock, snppPort: 9));
        var escalations = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));
        await desk.NewCaseAsync("known");
        string unknown = CallRouter.Cases.Domain.ProblemNumber.FromSequence(9_999_991).ToString(); // well-formed, never issued

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            escalations.EscalateAsync(new EscalateRequest { ProblemNumber = unknown }, deadline: EscalationDesk.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains(unknown, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedScheduleOnRestart_ServerRefusesNamingTheSettingAndTheOpenEscalationSurvives()
    {
        var clock = new SharedClock(60);
        var settings = EscalationDesk.OutOfHoursSettings(clock, snppPort: 9);
        await using var desk = await EscalationDesk.StartAsync(settings);
        string number = await desk.NewCaseAsync("bad-schedule");
        var escalations = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));
        var started = await escalations.EscalateAsync(new EscalateRequest { ProblemNumber = number }, deadline: EscalationDesk.Deadline());
        await desk.Server.KillHardAsync();

        var broken = new Dictionary<string, string>(settings) { ["CallRouter__Escalation__Schedule__BusinessHours"] = "Mon-Fri 17:00-08:00" };
        var refused = await EscalationDesk.StartExpectingRefusalAsync(broken, desk.DataDirectory);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("BusinessHours", refused.Output, StringComparison.Ordinal);
        Assert.Contains("17:00-08:00", refused.Output, StringComparison.Ordinal);

        await desk.CrashAndRestartAsync();
        var survived = await desk.WaitForEscalationAsync(number, _ => true, RealBound);
        Assert.Equal((started.Id, "AwaitingResponse"), (survived.Id, survived.State));
    }

    [Theory]
    [InlineData("fast", "2026-11-24T14:00:00Z", "Clock:Speed \"fast\"")]
    [InlineData("60", "tomorrow", "Clock:Epoch \"tomorrow\"")]
    [InlineData("60", "", "needs both Speed and Epoch")]
    public async Task MalformedTestClock_ServerRefusesToStartNamingTheSetting(string speed, string epoch, string expected)
    {
        var settings = new Dictionary<string, string>
        {
            ["CallRouter__Escalation__Clock__Speed"] = speed,
            ["CallRouter__Escalation__Clock__Epoch"] = epoch,
        };

        var data = Directory.CreateTempSubdirectory("callrouter-escalation-clock-");
        try
        {
            var refused = await EscalationDesk.StartExpectingRefusalAsync(settings, data.FullName);

            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains(expected, refused.Output, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
