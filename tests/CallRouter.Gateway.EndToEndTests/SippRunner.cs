using System.Diagnostics;
using System.Text;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>One SIPp process (Debian package sip-tester) with a hard time limit; disposal kills it by its own handle.</summary>
internal sealed class SippRunner : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly StringBuilder _output = new();

    private SippRunner(Process process, DirectoryInfo directory)
    {
        _process = process;
        _directory = directory;
    }

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    public static SippRunner Start(params string[] arguments)
    {
        string sipp = new[] { "/usr/bin/sipp", "/usr/local/bin/sipp" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("SIPp is not installed: install the Debian package 'sip-tester' (scripts/test.sh does).");
        var directory = Directory.CreateTempSubdirectory("callrouter-e2e-sipp-");
        // Scenarios name their RFC 4733 pcaps relative to the working directory, as when QA runs them from scenarios/.
        foreach (var pcap in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.pcap"))
        {
            File.Copy(pcap, Path.Combine(directory.FullName, Path.GetFileName(pcap)));
        }

        var info = new ProcessStartInfo(sipp)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory.FullName,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("-nostdin");
        info.ArgumentList.Add("-trace_err");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sipp");
        var runner = new SippRunner(process, directory);
        process.OutputDataReceived += (_, e) => runner.Append(e.Data);
        process.ErrorDataReceived += (_, e) => runner.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>Waits for SIPp to finish and returns its exit code (0 = every call succeeded); killed past the limit.</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"sipp did not finish within {limit.TotalSeconds} s and was killed.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIPp's output and error log, for assertion messages.</summary>
    public string Describe()
    {
        string errors = "";
        foreach (var file in _directory.EnumerateFiles("*_errors.log")) errors += File.ReadAllText(file.FullName);
        lock (_output) return $"sipp output:\n{_output}\nsipp errors:\n{errors}";
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Reported by the test that owns it.
        }

        _process.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A log still being written.
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length < 50_000) _output.AppendLine(line);
        }
    }

    private void Kill()
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
}
