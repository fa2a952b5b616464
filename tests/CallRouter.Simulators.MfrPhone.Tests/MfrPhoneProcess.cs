using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CallRouter.Testing;

/// <summary>
/// The Mfr TS phone simulator as a real child process on a free loopback port, started with its
/// own --max-runtime bound and killed (only it, by its handle) on dispose. Also linked into the
/// escalation end-to-end tests.
/// </summary>
internal sealed partial class MfrPhoneProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MfrPhoneProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The SIP port (UDP and TCP) on 127.0.0.1.</summary>
    public int Port { get; private set; }

    public string SipUri => $"sip:mfr-ts@127.0.0.1:{Port}";

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

    public static async Task<MfrPhoneProcess> StartAsync(params string[] arguments)
    {
        // Its own RTP ports, not the default range every simulator would share (see LoopbackPorts.FreeUdpBlock).
        var (rtpStart, rtpEnd) = LoopbackPorts.FreeUdpBlock(200, 15000, 20000);
        var process = Launch(["--port", "0", "--max-runtime", "240", "--rtp-ports", $"{rtpStart}-{rtpEnd}", .. arguments]);
        var phone = new MfrPhoneProcess(process);
        process.OutputDataReceived += (_, e) => phone.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => phone.OnLine(e.Data);
        process.Exited += (_, _) => phone._listening.TrySetException(new InvalidOperationException("The Mfr TS phone simulator exited before listening: " + string.Join('\n', phone.Lines)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            phone.Port = await phone._listening.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await phone.DisposeAsync();
            throw;
        }

        return phone;
    }

    /// <summary>Runs the simulator with arguments that make it exit by itself (bad options, --help) and returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(params string[] arguments)
    {
        using var process = Launch(arguments);
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

        throw new TimeoutException($"The Mfr TS phone simulator did not print \"{text}\" within {timeout}. Output:\n{string.Join('\n', Lines)}");
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

    private static Process Launch(IEnumerable<string> arguments)
    {
        var dll = LocateSimulator();
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

    /// <summary>
    /// The simulator in its own build folder, same configuration as the tests (the project reference
    /// builds it): its copy next to a test project that also runs the server may lack the logging and
    /// options assemblies, which that project takes from the ASP.NET Core shared framework instead.
    /// </summary>
    private static string LocateSimulator()
    {
        const string name = "CallRouter.Simulators.MfrPhone.dll";
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string? configuration = output.Parent?.Name;
        for (var dir = output; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CallRouter.sln")) && configuration is not null)
            {
                string own = Path.Combine(dir.FullName, "simulators", "CallRouter.Simulators.MfrPhone", "bin", configuration, framework, name);
                if (File.Exists(own)) return own;
                break;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, name);
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
