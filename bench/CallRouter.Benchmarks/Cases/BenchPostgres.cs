using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CallRouter.Benchmarks.Cases;

/// <summary>
/// A throwaway PostgreSQL for one benchmark process (initdb in a temp dir owned by the
/// postgres user, loopback, free port, stopped with -m immediate and deleted). Default server
/// settings, so COMMIT waits for the WAL flush exactly as in production.
/// </summary>
internal sealed class BenchPostgres : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "callrouter-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _bin;
    private readonly bool _asRoot = Environment.UserName == "root";

    public BenchPostgres()
    {
        _bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL binaries not found under /usr/lib/postgresql/*/bin; install the 'postgresql' package.");
        Directory.CreateDirectory(_directory);
        if (_asRoot)
        {
            Run("chown", ["postgres:postgres", _directory], asPostgres: false);
        }

        var port = FreePort();
        Run(Path.Combine(_bin, "initdb"), ["-D", Data, "-U", "postgres", "-A", "trust", "-E", "UTF8"], _asRoot);
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-l", Path.Combine(_directory, "log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1", "start"], _asRoot);
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Maximum Pool Size=64";
    }

    public string ConnectionString { get; }

    private string Data => Path.Combine(_directory, "data");

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "-t", "60", "stop"], _asRoot);
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        foreach (var a in (asPostgres ? new[] { "-u", "postgres", "--", file } : []).Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {output.Result} {error.Result}");
        }
    }
}
