using CallRouter.Cases.Tests.Infrastructure;
using CallRouter.Contracts.V1;
using CallRouter.Escalation.Tests;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>
/// The server with its cases on PostgreSQL keeps its escalations and their timers there too:
/// the out-of-hours silence with a SIGKILL mid-window, at 120x (the 30-minute window in 15 real seconds).
/// </summary>
public sealed class EscalationOnPostgresEndToEndTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan RealBound = TimeSpan.FromSeconds(90);

    /// <summary>3 real seconds of scheduling at 120x.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task SilentEngineer_OnPostgres_ServerKilledMidWindow_TimerFiresOnTimeOnceAndNothingInSqlite()
    {
        var clock = new SharedClock(120);
        int snppPort = LoopbackPorts.Free();
        var settings = EscalationDesk.OutOfHoursSettings(clock, snppPort);
        settings["CallRouter__Cases__Store"] = "postgres";
        settings["CallRouter__Cases__ConnectionString"] = await postgres.CreateIsolatedConnectionStringAsync();
        await using var ptas = await PtasSimulatorProcess.StartAsync([.. clock.SimulatorArguments(), "--port", $"{snppPort}", "--give-up-after", "0", "--engineer", "* never"]);
        await using var desk = await EscalationDesk.StartAsync(settings);
        string number = await desk.NewCaseAsync("pg-silent");
        var escalations = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));

        await escalations.EscalateAsync(new EscalateRequest { ProblemNumber = number, Summary = "NS-5 lost its configuration" }, deadline: EscalationDesk.Deadline());
        var delivered = await desk.WaitForEscalationAsync(number, e => e.History.Any(h => h.Kind == "ContactDelivered"), RealBound);
        var due = delivered.ResponseDueAt.ToDateTimeOffset();
        await clock.WaitUntilAsync(delivered.History.Single(h => h.Kind == "ContactDelivered").At.ToDateTimeOffset().AddMinutes(8), RealBound);
        await desk.CrashAndRestartAsync();
        Assert.True(clock.Now < due, "the restart took past the due instant; the test did not restart mid-window");

        await ptas.WaitForLineAsync("pager=8887900 caller=+18005550199", RealBound);
        await clock.WaitUntilAsync(clock.Now.AddMinutes(5), RealBound);
        var after = await desk.WaitForEscalationAsync(number, e => e.History.Count(h => h.Kind == "ContactDelivered") == 2, RealBound);

        var silence = Assert.Single(after.History, h => h.Kind == "NoResponse");
        Assert.InRange(silence.At.ToDateTimeOffset(), due, due + Tolerance);
        Assert.Single(ptas.Lines, l => l.Contains(" PAGE ", StringComparison.Ordinal) && l.Contains("pager=8887900", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(desk.DataDirectory, "escalation.db")), "escalations should be on PostgreSQL, not in the data folder");
        var detail = await desk.WaitForCaseAsync(number, d => d.History.Any(h => h.Action == "EscalationNoResponse"), RealBound);
        Assert.Equal(CaseState.ClosureDeferred, detail.Case.State);
    }
}
