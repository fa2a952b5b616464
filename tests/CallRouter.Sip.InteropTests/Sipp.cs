using System.Diagnostics;

namespace CallRouter.Sip.InteropTests;

/// <summary>
/// Runs SIPp (Debian package sip-tester) on loopback with a hard time limit, killing only the process
/// it started. A missing binary fails the test with instructions; it is never skipped.
/// </summary>
internal static class Sipp
{
    private static readonly string[] s_candidates = ["/usr/bin/sipp", "/usr/local/bin/sipp"];

    public static string Path()
    {
        var found = s_candidates.FirstOrDefault(File.Exists)
            ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => System.IO.Path.Combine(d, "sipp")).FirstOrDefault(File.Exists);
        Assert.True(found is not null, "SIPp is not installed: install the Debian package 'sip-tester' (scripts/install-peers.sh does) so that 'sipp' is on PATH.");
        return found!;
    }

    public static string Scenario(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    /// <summary>Starts SIPp; dispose the handle to kill it if it is still running.</summary>
    public static SippProcess Start(IEnumerable<string> arguments)
    {
        var directory = Directory.CreateTempSubdirectory("callrouter-sipp-");
        var info = new ProcessStartInfo(Path())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory.FullName,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("-nostdin");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sipp");
        return new SippProcess(process, directory);
    }

    /// <summary>Runs SIPp to completion within <paramref name="limit"/>.</summary>
    public static async Task<SippRun> RunAsync(IEnumerable<string> arguments, TimeSpan limit)
    {
        await using var sipp = Start(arguments);
        return await sipp.WaitAsync(limit);
    }
}
