using System.Diagnostics;
using CallRouter.Testing;

namespace CallRouter.Server.IntegrationTests;

/// <summary>Runs the real callrouter-cli against a server and returns its exit code and output.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(ServerProcess server, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltAssembly.Cli);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CALLROUTER_SERVER"] = $"http://127.0.0.1:{server.GrpcPort}";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start callrouter-cli");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"callrouter-cli {string.Join(' ', args)} did not finish within 60 s");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
