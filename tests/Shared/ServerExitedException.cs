namespace CallRouter.Testing;

/// <summary>
/// The server process ended before it was serving (a refused configuration, a port taken): its
/// exit code and everything it printed, so a test can assert on the reason.
/// </summary>
public sealed class ServerExitedException(int exitCode, string output)
    : InvalidOperationException($"server exited with {exitCode}:\n{output}")
{
    public int ExitCode { get; } = exitCode;

    public string Output { get; } = output;

    /// <summary>The server could not bind a port it was given: another process took it after it was picked as free.</summary>
    public bool PortWasTaken => Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
}
