using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallRouter.Media.Audio;
using CallRouter.Media.InteropTests;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// One headless baresip (Debian package) in its own temp configuration folder, as a caller or as an agent's
/// softphone: SIP on a free loopback port, a generated tone as its microphone (aufile), what it hears dumped to
/// WAV (sndfile), commands and call events over ctrl_tcp. Disposal kills the process it started, by its handle.
/// </summary>
internal sealed class BaresipPhone : IAsyncDisposable
{
    public const int SampleRate = 8000;
    private static readonly string[] s_moduleDirectories = ["/usr/lib/baresip/modules", "/usr/local/lib/baresip/modules", "/usr/lib/x86_64-linux-gnu/baresip/modules"];

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly StringBuilder _output = new();
    private readonly int _controlPort;

    private BaresipPhone(Process process, DirectoryInfo directory, int controlPort)
    {
        _process = process;
        _directory = directory;
        _controlPort = controlPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Where sndfile writes <c>dump-…-dec.wav</c>: the audio this phone heard.</summary>
    public string RecordingDirectory => Path.Combine(_directory.FullName, "recordings");

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    /// <summary>
    /// Starts baresip with one account line (e.g. <c>&lt;sip:alice@127.0.0.1&gt;;auth_pass=…;answermode=auto</c>)
    /// sending a sine tone of <paramref name="toneHz"/> as its microphone. G.711 µ-law only, so what it hears is 8 kHz.
    /// </summary>
    public static BaresipPhone Start(string account, double toneHz)
    {
        string binary = new[] { "/usr/bin/baresip", "/usr/local/bin/baresip" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("baresip is not installed: run scripts/install-peers.sh (Debian package 'baresip').");
        string modules = s_moduleDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, "aufile.so")))
            ?? throw new InvalidOperationException("baresip modules (aufile, sndfile, ctrl_tcp, g711) not found: install the Debian package 'baresip'.");
        var directory = Directory.CreateTempSubdirectory("callrouter-e2e-baresip-");
        int controlPort = LoopbackPorts.Free();
        int sipPort = LoopbackPorts.Free();
        string source = Path.Combine(directory.FullName, "microphone.wav");
        WavFile.Write(source, Tone(toneHz, TimeSpan.FromSeconds(110), amplitude: 6000));
        Directory.CreateDirectory(Path.Combine(directory.FullName, "recordings"));
        string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(directory.FullName, "config"), string.Join('\n',
            "poll_method epoll",
            $"sip_listen 127.0.0.1:{Port(sipPort)}",
            "net_interface 127.0.0.1",
            "call_local_timeout 120",
            "call_max_calls 1",
            $"audio_source aufile,{source}",
            "audio_buffer 40",
            "ausrc_srate 8000",
            "ausrc_channels 1",
            "jitter_buffer_delay 0-0",
            $"module_path {modules}",
            "module g711.so",
            "module aufile.so",
            "module sndfile.so",
            "module_tmp account.so",
            "module_app menu.so",
            "module_app ctrl_tcp.so",
            $"ctrl_tcp_listen 127.0.0.1:{Port(controlPort)}",
            $"snd_path {Path.Combine(directory.FullName, "recordings")}",
            ""));
        File.WriteAllText(Path.Combine(directory.FullName, "accounts"), account + "\n");

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
        // A hard end even if the test host dies before disposing it.
        info.ArgumentList.Add("-t");
        info.ArgumentList.Add("170");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start baresip");
        return new BaresipPhone(process, directory, controlPort);
    }

    /// <summary>Connects to ctrl_tcp, retrying while baresip starts.</summary>
    public async Task<BaresipControl> ConnectAsync(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"baresip exited early with code {_process.ExitCode}:\n{Output}");
            var client = new TcpClient();
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, _controlPort), attempt.Token);
                return new BaresipControl(client);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                client.Dispose();
                if (DateTime.UtcNow > until) throw new TimeoutException($"baresip's ctrl_tcp did not answer within {limit.TotalSeconds} s:\n{Output}");
                await Task.Delay(100);
            }
        }
    }

    /// <summary>What this phone heard (sndfile's decoded dump), once the call's audio is closed; bounded wait.</summary>
    public async Task<short[]> HeardAsync(TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        string problem = "no dump file";
        while (true)
        {
            var file = Directory.Exists(RecordingDirectory) ? Directory.GetFiles(RecordingDirectory, "*-dec.wav").FirstOrDefault() : null;
            if (file is not null)
            {
                try
                {
                    var audio = WavFile.Read(file);
                    if (audio.Format == WavFormat.Pcm16 && audio.SampleRate == SampleRate && audio.SampleFrames > SampleRate)
                    {
                        var samples = new short[audio.SampleFrames * audio.Channels];
                        Buffer.BlockCopy(audio.Data, 0, samples, 0, samples.Length * 2);
                        return samples;
                    }

                    problem = $"{audio.Format} {audio.SampleRate} Hz, {audio.SampleFrames} frames";
                }
                catch (WavFormatException e)
                {
                    // The header is written when the call's audio closes; try again.
                    problem = e.Message;
                }
            }

            if (DateTime.UtcNow > until) throw new TimeoutException($"baresip recorded nothing usable within {limit.TotalSeconds} s ({problem})\n{Output}");
            await Task.Delay(200);
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
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A dump still being flushed; temp is cleaned eventually.
        }
    }

    private static WavAudio Tone(double frequency, TimeSpan duration, double amplitude)
    {
        int count = (int)(duration.TotalSeconds * SampleRate);
        var data = new byte[count * 2];
        for (int i = 0; i < count; i++)
        {
            var sample = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
            data[2 * i] = (byte)sample;
            data[(2 * i) + 1] = (byte)(sample >> 8);
        }

        return new WavAudio(WavFormat.Pcm16, 1, SampleRate, data);
    }

    private void Append(string? line)
    {
        // The menu module's once-a-second status line says nothing useful.
        if (string.IsNullOrEmpty(line) || line.Contains("audio=", StringComparison.Ordinal)) return;
        lock (_output)
        {
            if (_output.Length < 100_000) _output.AppendLine(line);
        }
    }
}
