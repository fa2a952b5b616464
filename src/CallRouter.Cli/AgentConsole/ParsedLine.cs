namespace CallRouter.Cli.AgentConsole;

/// <summary>What a typed line turned out to be: a command, nothing (blank or a # comment), or an error to show.</summary>
internal readonly record struct ParsedLine(ConsoleCommand? Command, string? Error)
{
    public static ParsedLine Nothing => default;

    public static ParsedLine Of(ConsoleCommand command) => new(command, null);

    public static ParsedLine Fail(string error) => new(null, error);
}
