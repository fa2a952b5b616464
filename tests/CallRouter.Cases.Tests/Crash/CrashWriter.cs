using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Tests.Crash;

/// <summary>
/// Entry point of this assembly when run as a process ("dotnet CallRouter.Cases.Tests.dll
/// crash-writer sqlite|postgres target"): four writers open cases and add notes as fast as
/// they can, printing a line only after each write was acknowledged, until killed. The test
/// host never calls Main; only <see cref="CrashHarness"/> does, through a child process.
/// </summary>
public static class CrashWriter
{
    // Bounded even if nobody kills us: the parent normally kills within seconds.
    private static readonly TimeSpan s_maxRun = TimeSpan.FromSeconds(90);

    public static int Main(string[] args)
    {
        if (args is not ["crash-writer", var kind, var target])
        {
            Console.Error.WriteLine("usage: crash-writer sqlite|postgres <path or connection string>");
            return 2;
        }

        RunAsync(kind, target).GetAwaiter().GetResult();
        return 0;
    }

    private static async Task RunAsync(string kind, string target)
    {
        await using ICaseStore store = kind == "sqlite"
            ? new SqliteCaseStore(target, TimeProvider.System)
            : new PostgresCaseStore(target, TimeProvider.System);
        var service = new CaseService(store, TimeProvider.System);
        var agent = new Actor("crash.agent", Role.L1Agent);
        using var stop = new CancellationTokenSource(s_maxRun);
        var output = TextWriter.Synchronized(Console.Out);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var opened = await service.OpenCaseAsync(agent, new NewCase
                {
                    Manufacturer = "NetScreen",
                    CustomerAccount = "ACME-001",
                    Severity = Severity.S2,
                    SeverityAgreement = new EndUserAgreement("caller", TimeProvider.System.GetUtcNow().AddSeconds(-1), "IVR"),
                });
                await output.WriteLineAsync($"ack {opened.ProblemNumber.Digits} {opened.Version}");
                for (var i = 0; i < 20 && !stop.IsCancellationRequested; i++)
                {
                    var next = await service.AddNoteAsync(agent, opened.ProblemNumber, NoteKind.General, $"writer {w} note {i}");
                    await output.WriteLineAsync($"ack {next.ProblemNumber.Digits} {next.Version}");
                }
            }
        })));
    }
}
