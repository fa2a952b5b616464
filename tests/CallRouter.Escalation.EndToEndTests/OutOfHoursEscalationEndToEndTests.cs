using CallRouter.Contracts.V1;
using CallRouter.Escalation.Tests;
using Grpc.Core;
using Xunit.Abstractions;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>
/// Issue 7 "Done when", out of hours: the server and the PTAS simulator as processes on one
/// accelerated clock (60x: a simulated minute per real second, the 30-minute window in 30 real
/// seconds). A case is escalated out of hours with the PTAS staffed, the page reaches the
/// simulator over SNPP, the scripted engineer never answers; 30 simulated minutes after the page
/// the desk is told, the case's closure is deferred and the next on-call contact is paged.
/// </summary>
public sealed class OutOfHoursEscalationEndToEndTests(ITestOutputHelper output)
{
    private const double Speed = 60;

    /// <summary>How late (simulated) the silence may be recorded after its due instant: 3 real seconds of scheduling on a loaded, shared machine.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RealBound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SilentEngineer_ServerKilledAndRestartedMidWindow_TimerFiresOnTimeOnceAndNextContactPaged()
    {
        var clock = new SharedClock(Speed);
        int snppPort = LoopbackPorts.Free();
        await using var ptas = await PtasSimulatorProcess.StartAsync([.. clock.SimulatorArguments(), "--port", $"{snppPort}", "--give-up-after", "0", "--engineer", "* never"]);
        await using var desk = await EscalationDesk.StartAsync(EscalationDesk.OutOfHoursSettings(clock, snppPort));
        string number = await desk.NewCaseAsync("oohrs-silent");
        var escalations = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));

        Contracts.V1.Escalation started = await escalations.EscalateAsync(new EscalateRequest { ProblemNumber = number, Summary = "NS100 HA failover loops" }, deadline: EscalationDesk.Deadline());

        Assert.Equal("PTAS", started.Path);
        Assert.Equal(["PTAS", "On-call engineer", "TS manager"], started.Contacts.Select(c => c.Name));
        await ptas.WaitForLineAsync("pager=MFRTS caller=+18005550199", RealBound);
        var delivered = await desk.WaitForEscalationAsync(number, e => e.History.Any(h => h.Kind == "ContactDelivered"), RealBound);
        var due = delivered.ResponseDueAt.ToDateTimeOffset();
        var deliveredAt = delivered.History.Single(h => h.Kind == "ContactDelivered").At.ToDateTimeOffset();
        Assert.Equal(deliveredAt.AddMinutes(30), due);

        // Eight simulated minutes into the window the server dies without warning and comes back.
        await clock.WaitUntilAsync(deliveredAt.AddMinutes(8), RealBound);
        var killedAt = clock.Now;
        await desk.CrashAndRestartAsync();
        output.WriteLine($"page delivered {deliveredAt:O}, due {due:O}; killed at {killedAt:O}, serving again at {clock.Now:O} (simulated)");
        Assert.True(clock.Now < due, $"the restart took past the due instant ({clock.Now:O} >= {due:O}); the test did not restart mid-window");
        var afterRestart = await desk.WaitForEscalationAsync(number, _ => true, RealBound);
        Assert.DoesNotContain(afterRestart.History, h => h.Kind == "NoResponse");

        // The desk is told on the restarted server's notice stream; the on-call engineer is paged.
        var supervisor = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));
        using var watch = supervisor.WatchNotices(new WatchEscalationNoticesRequest(), deadline: DateTime.UtcNow + RealBound);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "the notice stream ended without a notice");
        var notice = watch.ResponseStream.Current;
        await ptas.WaitForLineAsync("pager=8887900 caller=+18005550199", RealBound);

        // Five more simulated minutes: nothing fires a second time.
        await clock.WaitUntilAsync(clock.Now.AddMinutes(5), RealBound);
        var after = await desk.WaitForEscalationAsync(number, e => e.History.Count(h => h.Kind == "ContactDelivered") == 2, RealBound);
        var silence = Assert.Single(after.History, h => h.Kind == "NoResponse");
        output.WriteLine($"silence recorded {silence.At.ToDateTimeOffset():O}, {(silence.At.ToDateTimeOffset() - due).TotalSeconds:0.#} simulated seconds after due");
        Assert.InRange(silence.At.ToDateTimeOffset(), due, due + Tolerance);
        Assert.Single(after.History, h => h.Kind == "DeskNotified");
        Assert.Single(after.History, h => h.Kind == "ClosureDeferred");
        Assert.Equal((1, "AwaitingResponse", true), (after.ContactIndex, after.State, after.ClosureDeferred));
        Assert.Equal((started.Id, number, false), (notice.EscalationId, notice.ProblemNumber, notice.SupervisorAlert));
        Assert.Single(ptas.Lines, l => l.Contains(" PAGE ", StringComparison.Ordinal) && l.Contains("pager=MFRTS", StringComparison.Ordinal));
        Assert.Single(ptas.Lines, l => l.Contains(" PAGE ", StringComparison.Ordinal) && l.Contains("pager=8887900", StringComparison.Ordinal));

        // The case: closure deferred, and the silence on its history once.
        var detail = await desk.WaitForCaseAsync(number, d => d.History.Any(h => h.Action == "EscalationNextContact"), RealBound);
        Assert.Equal(CaseState.ClosureDeferred, detail.Case.State);
        Assert.Single(detail.History, h => h.Action == "EscalationNoResponse");
    }
}
