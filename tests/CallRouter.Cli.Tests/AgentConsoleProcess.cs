using System.Diagnostics;
using System.Text;
using CallRouter.Testing;

namespace CallRouter.Cli.Tests;

/// <summary>
/// The built callrouter-cli running `agent` against a real server, with commands written to its standard input
/// and every output line (stdout and stderr, in arrival order) kept for waiting on. Dispose kills it by its own
/// handle if a test left it running.
/// </summary>
internal sealed class AgentConsoleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AgentConsoleProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>How many lines have arrived so far: a starting point for <see cref="WaitForLineAsync"/>.</summary>
    public int LineCount
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    public static AgentConsoleProcess Start(ServerProcess server, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltAssembly.Cli);
        start.ArgumentList.Add("agent");
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CALLROUTER_SERVER"] = $"http://127.0.0.1:{server.GrpcPort}";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start callrouter-cli");
        var console = new AgentConsoleProcess(process);
        process.OutputDataReceived += (_, e) => console.Append(e.Data, "");
        process.ErrorDataReceived += (_, e) => console.Append(e.Data, "stderr: ");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return console;
    }

    /// <summary>Types one command line.</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for a line, from line number <paramref name="from"/> on, that contains <paramref name="text"/>; returns its number.</summary>
    public async Task<int> WaitForLineAsync(string text, int from = 0, int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            Task changed;
            lock (_lines)
            {
                for (int i = from; i < _lines.Count; i++)
                {
                    if (_lines[i].Contains(text, StringComparison.Ordinal))
                    {
                        return i;
                    }
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no line with '{text}' within {seconds} s; the console printed:\n{Output}");
            }
        }
    }

    public async Task<int> WaitForExitAsync(int seconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the console did not exit within {seconds} s; it printed:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }

    private void Append(string? line, string prefix)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource changed;
        lock (_lines)
        {
            _lines.Add(prefix + line);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }
}
