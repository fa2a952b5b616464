using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CallRouter.Escalation.Tests;

/// <summary>
/// The PTAS simulator as a real child process on a free loopback port. It is started with a
/// --max-runtime bound of its own and killed (only it, by its handle) on dispose.
/// </summary>
internal sealed partial class PtasSimulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PtasSimulatorProcess(Process process)
    {
        _process = process;
    }

    public int Port { get; private set; }

    /// <summary>Everything the simulator printed so far (its page and protocol log).</summary>
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

    public static async Task<PtasSimulatorProcess> StartAsync(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CallRouter.Simulators.Ptas.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, "--port", "0", "--max-runtime", "180" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var simulator = new PtasSimulatorProcess(process);
        process.OutputDataReceived += (_, e) => simulator.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => simulator.OnLine(e.Data);
        process.Exited += (_, _) => simulator._listening.TrySetException(new InvalidOperationException("The PTAS simulator exited before listening: " + string.Join('\n', simulator.Lines)));
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

        throw new TimeoutException($"The simulator did not print \"{text}\" within {timeout}. Output:\n{string.Join('\n', Lines)}");
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
