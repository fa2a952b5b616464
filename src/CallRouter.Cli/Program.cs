using CallRouter.Cli;
using CallRouter.Cli.Commands;
using CallRouter.Core.Auth;
using Grpc.Core;

// callrouter-cli: try routing from a terminal without writing code.
const string Usage = """
    usage: callrouter-cli <command> [options]      (server: --server URL or CALLROUTER_SERVER, default http://127.0.0.1:50051)
      agent --user NAME [--password P] [--contact SIP-URI] [--auto-accept] [--disposition resolved|needs-l2|escalate|call-back] [--not-ready]
          then type commands: accept, decline, hold, resume, transfer l2|mfr, wrapup, ready, notready REASON, status, quit ('help' lists them)
      call  [--model NS10] [--severity 3] [--account A] [--serial S] [--callback N] [--problem P] [--talk SECONDS] [--call-id ID]
      stats [--watch]
      entitlement import FILE [--manufacturer M]   |   entitlement history       (supervisor / admin)
      report weekly|monthly --from yyyy-MM-dd --to yyyy-MM-dd [--csv]
      report service-level [--from yyyy-MM-dd] [--csv]
      invoice --month yyyy-MM [--manufacturer M]
      cases list [--state open] [--account A] [--limit N] [--after P]   |   cases show PROBLEM-NUMBER
    Case commands log in as --user (default supervisor; "mfr" sees only its end users' cases).
      hash-password            (reads a password on standard input, prints a hash for appsettings PasswordHash)
    Passwords default to the demo accounts' and can come from CALLROUTER_PASSWORD.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    // Words after the command (a sub-command, a file, a problem number) come before the --options.
    string[] words = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
    var options = new CliArguments(args.Skip(1 + words.Length));
    string? Word(int i) => i < words.Length ? words[i] : null;
    if (words.Length > 0 && args[0] is not ("entitlement" or "report" or "cases"))
    {
        throw new CliException($"unexpected argument '{words[0]}'\n{Usage}");
    }

    return args[0] switch
    {
        "entitlement" => await EntitlementCommand.RunAsync(Word(0) ?? "", Word(1), options, cancel.Token),
        "report" => await ReportCommand.ReportAsync(Word(0), options, cancel.Token),
        "invoice" => await ReportCommand.InvoiceAsync(options, cancel.Token),
        "cases" => await CasesCommand.RunAsync(Word(0), Word(1), options, cancel.Token),
        "agent" => await AgentConsoleCommand.RunAsync(options, cancel.Token),
        "call" => await CallCommand.RunAsync(options, cancel.Token),
        "stats" => await StatsCommand.RunAsync(options, cancel.Token),
        "hash-password" => HashPassword(),
        _ => throw new CliException($"unknown command '{args[0]}'\n{Usage}"),
    };
}
catch (CliException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (RpcException e)
{
    Console.Error.WriteLine($"server said {e.StatusCode}: {e.Status.Detail}");
    return 1;
}

static int HashPassword()
{
    string? password = Console.In.ReadLine();
    if (string.IsNullOrEmpty(password))
    {
        throw new CliException("give the password on standard input");
    }

    Console.WriteLine(PasswordHasher.Hash(password));
    return 0;
}
