using CallRouter.Simulators.Ptas;

SimulatorOptions options;
try
{
    options = SimulatorOptions.Parse(args);
}
catch (Exception ex) when (ex is FormatException or IOException)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    await Console.Error.WriteLineAsync(SimulatorOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(SimulatorOptions.Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
if (options.MaxRuntime > TimeSpan.Zero)
{
    // A bound on the process's own life, so a test that dies cannot leave it running.
    stop.CancelAfter(options.MaxRuntime);
}

var time = new AcceleratedTimeProvider(options.ClockSpeed);
await using var simulator = new PtasSimulator(options, time, Console.Out);
simulator.Start();
simulator.Write($"LISTENING {simulator.EndPoint} clock-speed={options.ClockSpeed} give-up-after={options.GiveUpAfter.TotalMinutes}min engineers={options.Engineers.Count}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    simulator.Write("STOPPING");
}

return 0;
