using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CallRouter.Media.InteropTests;

/// <summary>
/// One headless baresip (Debian package) with its own configuration directory in a temp folder:
/// SIP on a loopback port, the <c>aufile</c> module as audio source, <c>sndfile</c> dumping what it
/// hears to WAV files, no audio player, and <c>ctrl_tcp</c> for commands. Disposal kills the process
/// it started (by its own handle) and deletes the folder.
/// </summary>
internal sealed class BaresipProcess : IAsyncDisposable
{
    private static readonly string[] s_candidates = ["/usr/bin/baresip", "/usr/local/bin/baresip"];
    private static readonly string[] s_moduleDirectories = ["/usr/lib/baresip/modules", "/usr/local/lib/baresip/modules", "/usr/lib/x86_64-linux-gnu/baresip/modules"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BaresipProcess(Process process, DirectoryInfo directory, int sipPort, int controlPort)
    {
        _process = process;
        Directory = directory;
        SipPort = sipPort;
        ControlPort = controlPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public DirectoryInfo Directory { get; }

    public int SipPort { get; }

    public int ControlPort { get; }

    /// <summary>Where the sndfile module writes <c>dump-…-dec.wav</c> (heard) and <c>…-enc.wav</c> (sent).</summary>
    public string RecordingDirectory => Path.Combine(Directory.FullName, "recordings");

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>The baresip binary; a missing one fails the test with instructions (never a skip).</summary>
    public static string BinaryPath()
    {
        var found = s_candidates.FirstOrDefault(File.Exists)
            ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(d => Path.Combine(d, "baresip")).FirstOrDefault(File.Exists);
        Assert.True(found is not null, "baresip is not installed: install the Debian package 'baresip' (apt-get install baresip) so that 'baresip' is on PATH.");
        return found!;
    }

    private static string ModuleDirectory()
    {
        var found = s_moduleDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, "aufile.so")));
        Assert.True(found is not null, $"baresip modules (aufile.so, g711.so, sndfile.so, ctrl_tcp.so) not found in {string.Join(", ", s_moduleDirectories)}: install the Debian package 'baresip'.");
        foreach (var module in new[] { "g711.so", "sndfile.so", "ctrl_tcp.so", "account.so" })
        {
            Assert.True(File.Exists(Path.Combine(found!, module)), $"baresip module {module} is missing from {found}.");
        }

        return found!;
    }

    /// <summary>Writes the configuration and starts baresip; it sends <paramref name="sourceWav"/> (8 kHz mono PCM16) as its microphone.</summary>
    public static BaresipProcess Start(string sourceWav)
    {
        var binary = BinaryPath();
        var modules = ModuleDirectory();
        var directory = System.IO.Directory.CreateTempSubdirectory("callrouter-baresip-");
        try
        {
            int sipPort = LoopbackPorts.Free();
            int controlPort = LoopbackPorts.Free();
            var recordings = Path.Combine(directory.FullName, "recordings");
            System.IO.Directory.CreateDirectory(recordings);
            var config = string.Join('\n',
                "poll_method epoll",
                $"sip_listen 127.0.0.1:{sipPort.ToString(CultureInfo.InvariantCulture)}",
                "net_interface 127.0.0.1",
                "call_local_timeout 30",
                "call_max_calls 1",
                $"audio_source aufile,{sourceWav}",
                "audio_buffer 40",
                "ausrc_srate 8000",
                "ausrc_channels 1",
                "rtp_stats yes", // packet counts in the log when the call ends
                "jitter_buffer_delay 0-0", // loopback: decode each packet on arrival, nothing left in a buffer at hang-up
                $"module_path {modules}",
                "module g711.so",
                "module aufile.so",
                "module sndfile.so",
                "module_tmp account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                $"ctrl_tcp_listen 127.0.0.1:{controlPort.ToString(CultureInfo.InvariantCulture)}",
                $"snd_path {recordings}",
                string.Empty);
            File.WriteAllText(Path.Combine(directory.FullName, "config"), config);
            // No registration; G.711 µ-law only so the recording is at 8 kHz; RFC 4733 events are baresip's DTMF default.
            File.WriteAllText(Path.Combine(directory.FullName, "accounts"), "<sip:baresip@127.0.0.1>;regint=0;audio_codecs=PCMU\n");

            var info = new ProcessStartInfo(binary)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory.FullName,
            };
            info.ArgumentList.Add("-f");
            info.ArgumentList.Add(directory.FullName);
            // Hard upper bound on its life even if the test host dies before disposal.
            info.ArgumentList.Add("-t");
            info.ArgumentList.Add("120");
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start baresip");
            return new BaresipProcess(process, directory, sipPort, controlPort);
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Connects to ctrl_tcp, retrying while baresip starts (bounded by <paramref name="limit"/>).</summary>
    public async Task<BaresipControl> ConnectAsync(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited) Assert.Fail($"baresip exited early with code {_process.ExitCode}:\n{Output}");
            var client = new TcpClient();
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, ControlPort), attempt.Token);
                return new BaresipControl(client);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                client.Dispose();
                if (DateTime.UtcNow > until) Assert.Fail($"baresip's ctrl_tcp did not accept a connection within {limit.TotalSeconds} s:\n{Output}");
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // Reported by the test's own assertions if it mattered.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still being flushed; the OS cleans temp eventually.
        }
    }

    private void Append(string? line)
    {
        // Skip the menu module's once-a-second "[0:00:02] audio=0/0 (bit/s)" status line.
        if (line is null || line.Contains("audio=", StringComparison.Ordinal) || line.Length == 0) return;
        lock (_output)
        {
            if (_output.Length < 200_000) _output.AppendLine(line);
        }
    }
}
