using CallRouter.Simulators.Storm;
using CallRouter.Simulators.Storm.Profile;
using CallRouter.Simulators.Storm.Reporting;

// callrouter-storm: QA's call storm (SPEC R17). See docs/storm.md.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(StormCommandLine.Usage);
    return args.Length == 0 ? 2 : 0;
}

StormCommandLine command;
try
{
    command = StormCommandLine.Parse(args);
}
catch (ProfileException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    await Console.Error.WriteLineAsync("run 'callrouter-storm --help' for the options");
    return 2;
}

switch (command.Verb)
{
    case "check":
        Console.WriteLine(ProfileLoader.ToJson(command.Profile));
        return 0;
    case "server-env":
        foreach (string line in ServerSettings.EnvironmentFor(command.Profile)) Console.WriteLine(line);
        return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C ends the storm early and still prints the report.
    e.Cancel = true;
    stop.Cancel();
};

StormReport report;
try
{
    report = await new StormRunner(command.Profile, Console.Out).RunAsync(stop.Token);
}
catch (Exception e) when (e is Grpc.Core.RpcException or InvalidOperationException or ProfileException or IOException or OperationCanceledException)
{
    await Console.Error.WriteLineAsync($"error: the storm could not run: {e.Message}");
    return 3;
}

Console.WriteLine();
Console.Write(report.ToTable());
if (!string.IsNullOrEmpty(command.Profile.ReportFile))
{
    await File.WriteAllTextAsync(command.Profile.ReportFile, report.ToJson());
    Console.WriteLine($"report written to {Path.GetFullPath(command.Profile.ReportFile)}");
}

// 0: every call completed and the failure share stayed under 0.1 %; 1: it did not.
return report.Offered > 0 && report.FailurePercent < 0.1 ? 0 : 1;
