using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CallRouter.Testing;

/// <summary>
/// A simulator run as a real child process for a test: every line it prints is kept, its port comes
/// from its "LISTENING 127.0.0.1:N" line, and it is killed (only it, by its handle) on dispose. The
/// simulators bound their own run time too (--max-runtime), so a crashed test leaves nothing behind.
/// </summary>
internal abstract partial class SimulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _name;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected SimulatorProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>The port the simulator said it listens on, on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Everything the simulator printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>A process for <c>dotnet <paramref name="dll"/> arguments…</c> with its output redirected; not started.</summary>
    protected static Process Launch(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new Process { StartInfo = start, EnableRaisingEvents = true };
    }

    /// <summary>Starts the process wrapped by <paramref name="simulator"/> and waits (bounded) until it listens.</summary>
    protected static async Task<T> StartAsync<T>(T simulator)
        where T : SimulatorProcess
    {
        var process = simulator._process;
        process.OutputDataReceived += (_, e) => simulator.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => simulator.OnLine(e.Data);
        process.Exited += (_, _) => simulator._listening.TrySetException(
            new InvalidOperationException($"The {simulator._name} exited before listening: " + string.Join('\n', simulator.Lines)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            simulator.Port = await simulator._listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }

        return simulator;
    }

    /// <summary>Runs a process that exits by itself (bad options, --help) and returns its exit code and output.</summary>
    protected static async Task<(int ExitCode, string Output)> RunToExitAsync(Process process)
    {
        using (process)
        {
            process.Start();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await stdout + await stderr);
        }
    }

    /// <summary>Waits (bounded) until the simulator has printed a line containing the text.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The {_name} did not print \"{text}\" within {timeout}. Output:\n{string.Join('\n', Lines)}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"LISTENING 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
