using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CallRouter.Cases.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for the test run: initdb into a temp directory owned by the
/// postgres OS user, listen on 127.0.0.1 on a free port with its socket in that directory,
/// stop it with "pg_ctl stop -m immediate" and delete the directory afterwards. A missing
/// PostgreSQL is a failure with instructions, never a skip. Every external wait is bounded.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan s_processTimeout = TimeSpan.FromSeconds(90);
    private string? _directory;
    private string? _binDirectory;
    private bool _started;

    public string AdminConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _binDirectory = FindBinDirectory();
        _directory = Path.Combine(Path.GetTempPath(), "callrouter-cases-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres user.
            await RunAsync("chown", ["postgres:postgres", _directory], asPostgres: false);
        }

        var data = Path.Combine(_directory, "data");
        await RunAsync(Path.Combine(_binDirectory, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asRoot);
        var port = FreePort();
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
             "-o", $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=200", "start"], asRoot);
        _started = true;
        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Timeout = 30,
            CommandTimeout = 60,
            Pooling = false,
        }.ToString();

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE callrouter_cases_test", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>A fresh, empty schema per test, so tests never see each other's rows.</summary>
    public async Task<string> CreateIsolatedConnectionStringAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = "callrouter_cases_test", Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ToString()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        builder.SearchPath = schema;
        builder.Pooling = true;
        builder.MaxPoolSize = 20;
        return builder.ToString();
    }

    public async Task DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (_started && _binDirectory is not null)
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "-t", "60", "stop"], Environment.UserName == "root");
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/<version>/bin. " +
            "Install the Debian 'postgresql' package (scripts/install-peers.sh does) — the PostgreSQL store tests need a real server.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_processTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {s_processTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stdout} {await stderr}");
        }
    }
}
