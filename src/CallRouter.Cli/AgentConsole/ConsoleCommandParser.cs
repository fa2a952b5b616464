namespace CallRouter.Cli.AgentConsole;

/// <summary>
/// Turns one line of the agent's input into a <see cref="ConsoleCommand"/> or a clear error; nothing is sent
/// for an error. Command words and dispositions are case-insensitive; call ids and free text are kept as typed.
/// </summary>
internal static class ConsoleCommandParser
{
    public static ParsedLine Parse(string? line)
    {
        string text = (line ?? "").Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return ParsedLine.Nothing;
        }

        string[] words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string verb = words[0].ToLowerInvariant();
        string[] args = words[1..];
        string rest = string.Join(' ', args);
        return verb switch
        {
            "accept" => OptionalCallId(verb, args, id => new ConsoleCommand.Accept(id)),
            "decline" => ParsedLine.Of(new ConsoleCommand.Decline(rest)),
            "hold" => OptionalCallId(verb, args, id => new ConsoleCommand.Hold(true, id)),
            "resume" or "unhold" => OptionalCallId(verb, args, id => new ConsoleCommand.Hold(false, id)),
            "transfer" => ParseTransfer(args),
            "wrapup" or "wrap-up" => ParseWrapUp(args),
            "ready" => NoArguments(verb, args, new ConsoleCommand.Ready()),
            "notready" or "not-ready" => ParsedLine.Of(new ConsoleCommand.NotReady(rest)),
            "status" => NoArguments(verb, args, new ConsoleCommand.Status()),
            "help" or "?" => NoArguments(verb, args, new ConsoleCommand.Help()),
            "quit" or "exit" or "logout" => NoArguments(verb, args, new ConsoleCommand.Quit()),
            "hangup" or "hang-up" => ParsedLine.Fail(
                "the console cannot hang up (the agent service has no such command): hang up on your softphone, then 'wrapup'"),
            _ => ParsedLine.Fail($"unknown command '{Shorten(words[0])}'; type 'help' for the list"),
        };
    }

    private static ParsedLine ParseTransfer(string[] args)
    {
        if (args.Length is 0 or > 2)
        {
            return ParsedLine.Fail("usage: transfer l2|mfr [CALL-ID]");
        }

        TransferTarget? target = args[0].ToLowerInvariant() switch
        {
            "l2" or "level2" => TransferTarget.Level2,
            "mfr" or "manufacturer" => TransferTarget.Manufacturer,
            _ => null,
        };
        return target is { } to
            ? ParsedLine.Of(new ConsoleCommand.Transfer(to, args.Length == 2 ? args[1] : null))
            : ParsedLine.Fail($"transfer to '{Shorten(args[0])}'? say 'transfer l2' or 'transfer mfr'");
    }

    private static ParsedLine ParseWrapUp(string[] args)
    {
        if (args.Length == 0)
        {
            return ParsedLine.Of(new ConsoleCommand.WrapUp(null, ""));
        }

        return DispositionNames.Find(args[0]) is { } disposition
            ? ParsedLine.Of(new ConsoleCommand.WrapUp(disposition, string.Join(' ', args[1..])))
            : ParsedLine.Fail($"unknown disposition '{Shorten(args[0])}': usage wrapup [{DispositionNames.Choices.Replace(", ", "|", StringComparison.Ordinal)}] [NOTES...]");
    }

    private static ParsedLine OptionalCallId(string verb, string[] args, Func<string?, ConsoleCommand> make) => args.Length switch
    {
        0 => ParsedLine.Of(make(null)),
        1 => ParsedLine.Of(make(args[0])),
        _ => ParsedLine.Fail($"usage: {verb} [CALL-ID]"),
    };

    private static ParsedLine NoArguments(string verb, string[] args, ConsoleCommand command) =>
        args.Length == 0 ? ParsedLine.Of(command) : ParsedLine.Fail($"'{verb}' takes no arguments");

    /// <summary>Echoed input is cut short so a pasted blob does not flood the terminal.</summary>
    private static string Shorten(string word) => word.Length <= 40 ? word : word[..40] + "…";
}
