using CallRouter.Contracts.V1;

namespace CallRouter.Cli.AgentConsole;

/// <summary>One line the agent typed, understood. Commands without a call id act on what the console last heard.</summary>
internal abstract record ConsoleCommand
{
    public sealed record Accept(string? CallId) : ConsoleCommand;

    public sealed record Decline(string Reason) : ConsoleCommand;

    /// <summary><c>hold</c> (Hold = true) or <c>resume</c> (Hold = false).</summary>
    public sealed record Hold(bool OnHold, string? CallId) : ConsoleCommand;

    public sealed record Transfer(TransferTarget Target, string? CallId) : ConsoleCommand;

    /// <summary>No disposition given means the console's default (--disposition).</summary>
    public sealed record WrapUp(Disposition? Disposition, string Notes) : ConsoleCommand;

    public sealed record Ready : ConsoleCommand;

    public sealed record NotReady(string Reason) : ConsoleCommand;

    public sealed record Status : ConsoleCommand;

    public sealed record Help : ConsoleCommand;

    public sealed record Quit : ConsoleCommand;
}
