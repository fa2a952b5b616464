using CallRouter.Cli.AgentConsole;
using CallRouter.Contracts.V1;

namespace CallRouter.Cli.Commands;

/// <summary>
/// The agent console: logs in, goes available (or not ready), prints every event and takes commands typed
/// line by line (see <see cref="ConsoleHelp"/>); with --auto-accept it also accepts offers and wraps up
/// finished calls with --disposition on its own.
/// </summary>
internal static class AgentConsoleCommand
{
    public static async Task<int> RunAsync(CliArguments args, CancellationToken cancel)
    {
        string user = args.Require("user");
        string dispositionWord = args.Get("disposition", "resolved");
        Disposition disposition = DispositionNames.Find(dispositionWord)
            ?? throw new CliException($"--disposition is one of {DispositionNames.Choices}");
        var settings = new AgentConsoleSettings(args.Flag("auto-accept"), disposition);

        using Connection connection = await Connection.OpenAsync(args.Server, user, args.Password($"demo-{user}"), cancel);
        var client = new AgentService.AgentServiceClient(connection.Invoker);
        using var call = client.Session(cancellationToken: cancel);
        await call.RequestStream.WriteAsync(new Contracts.V1.AgentCommand
        {
            Login = new SessionLogin { SipContact = args.Get("contact", ""), Available = !args.Flag("not-ready") },
        }, cancel);
        Console.WriteLine($"logged in as {user}; type 'help' for commands, 'quit' (or Ctrl+C) to log out");

        await new AgentConsoleSession(call, Console.In, Console.Out, Console.Error, settings).RunAsync(cancel);
        return 0;
    }
}
