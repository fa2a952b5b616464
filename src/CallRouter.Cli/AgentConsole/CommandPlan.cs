namespace CallRouter.Cli.AgentConsole;

/// <summary>
/// What to do for one console command: the message for the server (none when the command is answered
/// locally or cannot be carried out), what to print, and whether the session ends after sending.
/// </summary>
internal sealed record CommandPlan(Contracts.V1.AgentCommand? Send, string Message, bool EndsSession = false)
{
    public static CommandPlan Local(string message) => new(null, message);
}
