using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Testing;

/// <summary>
/// The real all-in-one server (routing core, cases, escalation, SIP gateway) as a child
/// process on free loopback ports (gRPC, HTTP, SIP) with its own data folder. Start-up waits
/// until gRPC health answers and the gateway is listening; dispose kills it by its own PID
/// and removes a data folder it created. Output is kept so a failing test can show it.
/// Shared, as linked source, by every test project that runs the server.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsDataDirectory;

    private ServerProcess(Process process, int grpcPort, int httpPort, int sipPort, string dataDirectory, bool ownsDataDirectory)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        SipPort = sipPort;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
    }

    public int GrpcPort { get; }
    public int HttpPort { get; }
    public int SipPort { get; }
    public string DataDirectory { get; }
    public string RecordingFolder => Path.Combine(DataDirectory, "recordings");
    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public int ProcessId => _process.Id;

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a crash: no shutdown hooks, no flushing.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(cts.Token);
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}");

    /// <summary>
    /// Starts the server and waits until it serves. Free ports are picked before the process binds
    /// them and the machine is shared, so one may be taken in between: when the server exits saying
    /// an address is already in use, it is started again on fresh ports (up to
    /// <see cref="StartAttempts"/> times). Any other exit is a <see cref="ServerExitedException"/>
    /// with the exit code and everything the server printed.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(settings, dataDirectory);
            }
            catch (ServerExitedException exited) when (attempt < StartAttempts && exited.PortWasTaken)
            {
                // Another process bound the gRPC or HTTP port first; fresh ones are picked on the next try.
            }
            catch (SipPortTakenException) when (attempt < StartAttempts)
            {
                // Likewise the SIP port: the server keeps running without its gateway, so it was stopped.
            }
        }
    }

    private const int StartAttempts = 3;

    /// <summary>What the gateway logs (event 5019) when it cannot bind its SIP port.</summary>
    private const string SipBindFailure = "SIP gateway could not listen on";

    /// <summary>The gateway could not bind the SIP port it was given (another process took it after it was picked as free).</summary>
    private sealed class SipPortTakenException(string message) : InvalidOperationException(message);

    private static async Task<ServerProcess> StartOnceAsync(IReadOnlyDictionary<string, string>? settings, string? dataDirectory)
    {
        string serverDll = BuiltAssembly.Server;
        int grpcPort = LoopbackPorts.Free();
        int httpPort = LoopbackPorts.Free();
        int sipPort = LoopbackPorts.Free();
        bool ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("callrouter-test-").FullName;

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        var env = start.Environment;
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["CallRouter__Server__GrpcPort"] = grpcPort.ToString(CultureInfo.InvariantCulture);
        env["CallRouter__Server__HttpPort"] = httpPort.ToString(CultureInfo.InvariantCulture);
        env["CallRouter__Server__DataDirectory"] = dataDirectory;
        env["CallRouter__Gateway__Sip__ListenAddresses__0"] = $"127.0.0.1:{sipPort}";
        env["CallRouter__Gateway__CoreAddress"] = $"http://127.0.0.1:{grpcPort}";
        // Each server its own RTP ports (see LoopbackPorts.FreeUdpBlock): with one fixed range for
        // every server, servers running at the same time shared ports and heard each other's RTP.
        var (rtpStart, rtpEnd) = LoopbackPorts.FreeUdpBlock(500, 10000, 15000);
        env["CallRouter__Gateway__RtpPortStart"] = rtpStart.ToString(CultureInfo.InvariantCulture);
        env["CallRouter__Gateway__RtpPortEnd"] = rtpEnd.ToString(CultureInfo.InvariantCulture);
        env["CallRouter__Gateway__Voicemail__Folder"] = Path.Combine(dataDirectory, "voicemail");
        env["CallRouter__Gateway__Recording__Folder"] = Path.Combine(dataDirectory, "recordings");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        var server = new ServerProcess(process, grpcPort, httpPort, sipPort, dataDirectory, ownsDataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilServingAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(cts.Token);
        }

        _process.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleaning.
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var channel = CreateChannel();
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // HasExited can be true before the redirected output has been read to its end; the
                // no-argument WaitForExit waits for both streams to drain, so the reason is in Output.
                _process.WaitForExit();
                throw new ServerExitedException(_process.ExitCode, Output);
            }

            // If the SIP port was taken the gateway says so and the server runs on without SIP:
            // waiting longer would never help.
            if (Output.Contains(SipBindFailure, StringComparison.Ordinal))
            {
                throw new SipPortTakenException($"the server's SIP port {SipPort} was taken before it could listen:\n{Output}");
            }

            try
            {
                var reply = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                // The gateway logs "Gateway started" once its SIP port is bound.
                if (reply.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving
                    && Output.Contains("Gateway started", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"server did not become healthy within {StartTimeout}:\n{Output}");
    }
}
