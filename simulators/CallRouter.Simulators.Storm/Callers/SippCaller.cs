using System.Diagnostics;
using System.Globalization;
using System.Text;
using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Callers;

/// <summary>
/// One SIPp process placing one severity's calls: its scenario, pcaps and model file in a temporary
/// folder, statistics every second (-trace_stat) and every INVITE's setup time (-trace_rtt). Stopped
/// by its own handle when the storm ends; the folder is removed on dispose.
/// </summary>
internal sealed class SippCaller : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly StringBuilder _output = new();

    private SippCaller(CallerPlan plan, Process process, DirectoryInfo folder)
    {
        Plan = plan;
        _process = process;
        _folder = folder;
    }

    public CallerPlan Plan { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static string FindSipp(string configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new ProfileException($"sipp: '{configured}' does not exist");
        }

        return new[] { "/usr/bin/sipp", "/usr/local/bin/sipp" }.FirstOrDefault(File.Exists)
            ?? throw new ProfileException("SIPp is not installed: install the Debian package 'sip-tester' (scripts/install-peers.sh does)");
    }

    public static SippCaller Start(StormProfile profile, CallerPlan plan, int sipPort, int mediaPort, TimeSpan limit)
    {
        string sipp = FindSipp(profile.Sipp);
        string scenarios = Path.Combine(AppContext.BaseDirectory, "scenarios");
        var folder = Directory.CreateTempSubdirectory($"callrouter-storm-s{plan.Severity}-");
        var scenario = CallerScenario.For(File.ReadAllText(Path.Combine(scenarios, "storm_caller.xml")), plan.Severity, profile.Digits, profile.PatienceSeconds);
        foreach (string pcap in scenario.Pcaps) File.Copy(Path.Combine(scenarios, pcap), Path.Combine(folder.FullName, pcap));
        File.WriteAllText(Path.Combine(folder.FullName, "storm_caller.xml"), scenario.Xml);
        File.WriteAllLines(Path.Combine(folder.FullName, "models.csv"), ["SEQUENTIAL", .. plan.Models.Select(m => m + ";")]);

        var (calls, period) = plan.SippRate();
        var info = new ProcessStartInfo(sipp)
        {
            WorkingDirectory = folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            profile.SipServer, "-sf", "storm_caller.xml", "-inf", "models.csv",
            "-i", profile.LocalAddress, "-p", sipPort.ToString(CultureInfo.InvariantCulture),
            "-mp", mediaPort.ToString(CultureInfo.InvariantCulture), "-rtp_echo",
            "-r", calls, "-rp", period, "-m", plan.Calls.ToString(CultureInfo.InvariantCulture),
            "-l", Math.Min(plan.Calls, 60_000).ToString(CultureInfo.InvariantCulture),
            "-timeout", ((int)Math.Ceiling(limit.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s",
            "-aa", "-nostdin", "-trace_err", "-trace_stat", "-stf", "stat.csv", "-fd", "1", "-trace_rtt", "-rtt_freq", "1",
        ];
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sipp");
        var caller = new SippCaller(plan, process, folder);
        process.OutputDataReceived += (_, e) => caller.Append(e.Data);
        process.ErrorDataReceived += (_, e) => caller.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return caller;
    }

    /// <summary>The latest counters (every second while running, final after exit).</summary>
    public SippStatistics Statistics()
    {
        string file = Path.Combine(_folder.FullName, "stat.csv");
        try
        {
            return File.Exists(file) ? SippStatistics.ParseCsv(ReadShared(file)) ?? SippStatistics.Empty : SippStatistics.Empty;
        }
        catch (IOException)
        {
            return SippStatistics.Empty;
        }
    }

    /// <summary>INVITE → 200 times (ms) of every call that got its 200.</summary>
    public IReadOnlyList<double> SetupTimesMs()
    {
        var times = new List<double>();
        foreach (var file in _folder.EnumerateFiles("*_rtt.csv")) times.AddRange(SippStatistics.ParseResponseTimes(ReadShared(file.FullName)));
        return times;
    }

    /// <summary>SIPp's own words, for a run that went wrong: output and the first errors.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        lock (_output) text.Append(_output);
        foreach (var file in _folder.EnumerateFiles("*_errors.log"))
        {
            string errors = ReadShared(file.FullName);
            text.Append(errors.Length > 4000 ? errors[..4000] + "\n…" : errors);
        }

        return text.ToString();
    }

    public async Task WaitAsync(CancellationToken cancellationToken) => await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        Stop();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Left to the system; reported by the storm's exit code.
        }

        _process.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A log still being written.
        }
    }

    public void Stop()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 20_000) _output.AppendLine(line);
        }
    }
}
