using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// The real all-in-one server (routing core + SIP gateway) as a child process on free loopback ports, with a
/// fresh data folder. Killed by its own PID on dispose; its output is kept for failure messages.
/// </summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayServer(Process process, int grpcPort, int sipPort, string dataDirectory)
    {
        _process = process;
        GrpcPort = grpcPort;
        SipPort = sipPort;
        DataDirectory = dataDirectory;
    }

    public int GrpcPort { get; }

    public int SipPort { get; }

    public string DataDirectory { get; }

    public string RecordingFolder => Path.Combine(DataDirectory, "recordings");

    public string Output
    {
        get
        {
            lock (_output) return _output.Length > 20_000 ? _output.ToString(_output.Length - 20_000, 20_000) : _output.ToString();
        }
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}");

    public static async Task<GatewayServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        string dll = LocateServerAssembly();
        int grpcPort = LoopbackPorts.Free();
        int httpPort = LoopbackPorts.Free();
        int sipPort = LoopbackPorts.Free();
        string data = Directory.CreateTempSubdirectory("callrouter-e2e-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var env = start.Environment;
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["CallRouter__Server__GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["CallRouter__Server__HttpPort"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["CallRouter__Server__DataDirectory"] = data;
        env["CallRouter__Gateway__Sip__ListenAddresses__0"] = $"127.0.0.1:{sipPort}";
        env["CallRouter__Gateway__CoreAddress"] = $"http://127.0.0.1:{grpcPort}";
        env["CallRouter__Gateway__RtpPortStart"] = "30000";
        env["CallRouter__Gateway__RtpPortEnd"] = "30999";
        env["CallRouter__Gateway__Voicemail__Folder"] = Path.Combine(data, "voicemail");
        env["CallRouter__Gateway__Recording__Folder"] = Path.Combine(data, "recordings");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) env[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        var server = new GatewayServer(process, grpcPort, sipPort, data);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync();
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
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(limit.Token);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Healthy on gRPC and the gateway's SIP port bound (the gateway logs event 5000 once listening).</summary>
    private async Task WaitUntilReadyAsync()
    {
        using var channel = CreateChannel();
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
        using var limit = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"server exited with {_process.ExitCode}:\n{Output}");
            limit.Token.ThrowIfCancellationRequested();
            try
            {
                var reply = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (reply.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving && Output.Contains("Gateway started", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, limit.Token);
        }
    }

    private static string LocateServerAssembly()
    {
#if RELEASE_BUILD
        const string configuration = "Release";
#else
        const string configuration = "Debug";
#endif
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CallRouter.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("cannot find CallRouter.sln above " + AppContext.BaseDirectory);
        string dll = Path.Combine(dir.FullName, "src", "CallRouter.Server", "bin", configuration, "net10.0", "callrouter-server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the server first", dll);
    }
}
