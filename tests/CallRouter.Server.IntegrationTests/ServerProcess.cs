using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;

namespace CallRouter.Server.IntegrationTests;

/// <summary>
/// Starts the real all-in-one server as a child process on free loopback ports with a
/// fresh data folder, waits until its gRPC port answers, and kills it (by its own PID)
/// on dispose. Output is kept so a failing test can show it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, int grpcPort, int httpPort, string dataDirectory)
    {
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        DataDirectory = dataDirectory;
    }

    public int GrpcPort { get; }
    public int HttpPort { get; }
    public string DataDirectory { get; }
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

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null)
    {
        string serverDll = LocateServerAssembly();
        int grpcPort = FreeTcpPort();
        int httpPort = FreeTcpPort();
        dataDirectory ??= Directory.CreateTempSubdirectory("callrouter-it-").FullName;

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        start.Environment["CallRouter__Server__GrpcPort"] = grpcPort.ToString();
        start.Environment["CallRouter__Server__HttpPort"] = httpPort.ToString();
        start.Environment["CallRouter__Server__DataDirectory"] = dataDirectory;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        var server = new ServerProcess(process, grpcPort, httpPort, dataDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilServingAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }

        _process.Dispose();
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
                throw new InvalidOperationException($"server exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var reply = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving)
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

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LocateServerAssembly()
    {
#if RELEASE_BUILD
        const string configuration = "Release";
#else
        const string configuration = "Debug";
#endif
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CallRouter.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException("cannot find the repository root (CallRouter.sln) above " + AppContext.BaseDirectory);
        }

        string dll = Path.Combine(dir.FullName, "src", "CallRouter.Server", "bin", configuration, "net10.0", "callrouter-server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the server first", dll);
    }
}
