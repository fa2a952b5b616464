using System.Diagnostics;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>
/// Starts the server expecting it to refuse its configuration and exit, and returns everything it
/// printed. (ServerProcess may report such an exit before the output is drained; reading both
/// streams to their end here makes the message the test checks certain to be there.)
/// </summary>
internal static class RefusedServerStart
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> settings, string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ServerAssembly())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerAssembly());
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["CallRouter__Server__DataDirectory"] = dataDirectory;
        start.Environment["CallRouter__Server__GrpcPort"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CallRouter__Server__HttpPort"] = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CallRouter__Gateway__Sip__ListenAddresses__0"] = $"127.0.0.1:{LoopbackPorts.Free()}";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(bound.Token);
            var stderr = process.StandardError.ReadToEndAsync(bound.Token);
            await process.WaitForExitAsync(bound.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the server did not refuse its configuration within 60 s; it is running with it");
        }
    }

    private static string ServerAssembly()
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

        return dir is null
            ? throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory)
            : Path.Combine(dir.FullName, "src", "CallRouter.Server", "bin", configuration, "net10.0", "callrouter-server.dll");
    }
}
