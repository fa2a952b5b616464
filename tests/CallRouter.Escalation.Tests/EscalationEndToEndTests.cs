using CallRouter.Escalation.Calendar;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Snpp;
using CallRouter.Escalation.Storage;
using CallRouter.Simulators.Ptas;

namespace CallRouter.Escalation.Tests;

/// <summary>
/// The escalation heartbeat against the PTAS simulator as a real process, both on clocks running
/// 150 times real time (a simulated minute is 0.4 s; the 30-minute window 12 s), with the desk "restarted" mid-window.
/// </summary>
public sealed class EscalationEndToEndTests : IDisposable
{
    private const double Speed = 150;
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero); // Sat 10:00 PST: PTAS staffed
    private static readonly TimeSpan RealBound = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "callrouter-escalation-e2e", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task SilentEngineer_DeskRestartedMidWindow_DeskToldOnceOnTimeAndNextContactPaged()
    {
        await using var simulator = await PtasSimulatorProcess.StartAsync("--clock-speed", "150", "--give-up-after", "0", "--engineer", "* never");
        Directory.CreateDirectory(_directory);
        var database = Path.Combine(_directory, "escalation.db");
        var clock = new AcceleratedTimeProvider(Speed, Saturday);
        var cases = new InMemoryEscalationCaseGateway();
        cases.AddCase("260042");
        var notifier = new InMemoryEscalationNotifier();
        var options = new EscalationOptions
        {
            StatusPollInterval = TimeSpan.FromMinutes(1),
            HeartbeatMaxDelay = TimeSpan.FromMinutes(1),
        };
        options.OnCallChain.Add(new EscalationContact("On-call engineer", ContactChannel.Pager, "8887900"));
        // The SNPP time-out is a network bound, so it runs on real time, not the accelerated clock.
        var pager = new SnppClient(new SnppClientOptions { Port = simulator.Port, Timeout = TimeSpan.FromSeconds(20) }, TimeProvider.System);
        (EscalationService Service, EscalationScheduler Scheduler) Host() // one "process" of the desk
        {
            var service = new EscalationService(new SqliteEscalationStore(database), cases, pager, new UnavailablePhoneChannel(), notifier,
                ContactPathPolicy.FromOptions(new EscalationScheduleOptions()), options, clock);
            return (service, new EscalationScheduler(service, options, clock));
        }

        // 10:00 simulated: the case is escalated out of hours; the first desk process pages the PTAS.
        var first = Host();
        await first.Service.InitializeAsync(CancellationToken.None);
        var escalation = await first.Service.EscalateAsync(new EscalationRequest("260042", "Pat Desk", "+19194613016", "NS100 HA failover loops", "agent1"), CancellationToken.None);
        using (var stopFirst = new CancellationTokenSource())
        {
            var loop = first.Scheduler.RunAsync(stopFirst.Token);
            await simulator.WaitForLineAsync("pager=MFRTS caller=+19194613016", RealBound);

            // ~10:10 simulated (4 s real): the desk process stops without warning.
            await WaitUntilAsync(() => clock.GetUtcNow() >= Saturday.AddMinutes(10), "the desk clock to reach 10:10");
            await stopFirst.CancelAsync();
            await loop.WaitAsync(RealBound);
        }

        var delivered = Assert.Single(await first.Service.ListEventsAsync(escalation.Id, CancellationToken.None), e => e.Kind == EscalationEventKind.ContactDelivered);
        Assert.Empty(notifier.DeskNotices);

        // A new desk process over the same database; the PTAS engineer never answers.
        var second = Host();
        using var stopSecond = new CancellationTokenSource();
        var secondLoop = second.Scheduler.RunAsync(stopSecond.Token);
        await WaitUntilAsync(() => notifier.DeskNotices.Count > 0, "the desk to be told");
        await simulator.WaitForLineAsync("pager=8887900 caller=+19194613016", RealBound);

        // Five more simulated minutes with the loop running: the timer must not fire again.
        var settle = clock.GetUtcNow().AddMinutes(5);
        await WaitUntilAsync(() => clock.GetUtcNow() >= settle, "five more simulated minutes");
        await stopSecond.CancelAsync();
        await secondLoop.WaitAsync(RealBound);

        var events = await second.Service.ListEventsAsync(escalation.Id, CancellationToken.None);
        var silence = Assert.Single(events, e => e.Kind == EscalationEventKind.NoResponse);
        var due = delivered.At.AddMinutes(30);
        Assert.InRange(silence.At, due, due.AddMinutes(10)); // on time, within scheduling jitter of a loaded machine
        Assert.Single(notifier.DeskNotices);
        Assert.True(cases.IsClosureDeferred("260042"));
        Assert.Equal(2, events.Count(e => e.Kind == EscalationEventKind.ContactDelivered));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + RealBound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {RealBound.TotalSeconds} s for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
