using System.Collections.Concurrent;
using System.Diagnostics;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Tests.Crash;

/// <summary>
/// Runs <see cref="CrashWriter"/> in a child process against a store, kills it with SIGKILL
/// once enough writes were acknowledged, then checks from a fresh store that every
/// acknowledged write is there and each case's history is whole: one audit line per
/// version, one note per version after the first, one severity entry.
/// </summary>
internal static class CrashHarness
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static async Task PrepareAsync(ICaseStore store)
    {
        await store.MigrateAsync();
        await new EntitlementService(store, TimeProvider.System).ImportAsync(new Actor("admin", Role.Administrator), "NetScreen", "crash.csv",
            new StringReader("customer_account,name,service_level,expiry_date\nACME-001,Acme,Gold,2099-12-31\n"));
    }

    /// <summary>Returns the highest acknowledged version per problem number.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> RunAndKillAsync(string kind, string target, int killAfterAcks)
    {
        var assembly = typeof(CrashWriter).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { assembly, "crash-writer", kind, target })
        {
            start.ArgumentList.Add(a);
        }

        var acked = new ConcurrentDictionary<string, long>();
        var count = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("ack ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                acked.AddOrUpdate(parts[1], long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture),
                    (_, old) => Math.Max(old, long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)));
                if (Interlocked.Increment(ref count) >= killAfterAcks)
                {
                    enough.TrySetResult();
                }
            }
        };
        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(enough.Task, process.WaitForExitAsync()).WaitAsync(s_timeout);
            Assert.True(enough.Task.IsCompleted, $"The writer stopped after {count} acknowledged writes: {string.Join('\n', errors)}");
        }
        finally
        {
            // kill -9, mid-burst: Process.Kill sends SIGKILL on Linux.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(s_timeout);
        }

        return new Dictionary<string, long>(acked);
    }

    public static async Task AssertEveryAcknowledgedWriteSurvivedAsync(ICaseStore store, IReadOnlyDictionary<string, long> acked)
    {
        Assert.NotEmpty(acked);
        foreach (var (digits, version) in acked)
        {
            var record = await store.GetCaseAsync(ProblemNumber.Parse(digits));
            Assert.NotNull(record);
            Assert.True(record.Version >= version, $"Case {digits}: acknowledged version {version}, found {record.Version}.");
        }

        ProblemNumber? after = null;
        while (true)
        {
            var page = await store.ListCasesAsync(new CaseQuery { After = after, Limit = 500 });
            foreach (var c in page)
            {
                Assert.Equal(c.Version, (await store.ListAuditAsync(c.ProblemNumber)).Count);
                Assert.Equal(c.Version - 1, (await store.ListNotesAsync(c.ProblemNumber)).Count);
                Assert.Single(await store.ListSeverityHistoryAsync(c.ProblemNumber));
            }

            if (page.Count < 500)
            {
                return;
            }

            after = page[^1].ProblemNumber;
        }
    }
}
