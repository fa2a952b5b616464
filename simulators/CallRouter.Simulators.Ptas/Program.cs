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

// --max-runtime is a bound on the process's own life in real time, so a test that dies cannot
// leave the simulator running; the accelerated clock is only for the paging story.
using var stop = options.MaxRuntime > TimeSpan.Zero
    ? new CancellationTokenSource(options.MaxRuntime, TimeProvider.System)
    : new CancellationTokenSource();
var stopping = 0;
void Stop()
{
    // Ctrl+C and SIGTERM may both arrive, and after main has returned; stop once, quietly.
    if (Interlocked.Exchange(ref stopping, 1) == 0)
    {
        stop.Cancel();
    }
}

Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Stop();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
var time = options.ClockEpoch is { } epoch
    ? AcceleratedTimeProvider.FromEpoch(options.ClockSpeed, epoch)
    : new AcceleratedTimeProvider(options.ClockSpeed);
await using var simulator = new PtasSimulator(options, time, Console.Out);
simulator.Start();
simulator.Write($"LISTENING {simulator.EndPoint} clock-speed={options.ClockSpeed} give-up-after={options.GiveUpAfter.TotalMinutes}min engineers={options.Engineers.Count}");
try
{
    await Task.Delay(Timeout.InfiniteTimeSpan, time, stop.Token);
}
catch (OperationCanceledException)
{
    simulator.Write("STOPPING");
}

Interlocked.Exchange(ref stopping, 1);

return 0;
