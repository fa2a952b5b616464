using CallRouter.Simulators.MfrPhone;

PhoneOptions options;
try
{
    options = PhoneOptions.Parse(args);
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    await Console.Error.WriteLineAsync(PhoneOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(PhoneOptions.Usage);
    return 0;
}

// --max-runtime bounds the process's own life, so a test that dies cannot leave the phone running.
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

await using var phone = new MfrPhoneSimulator(options, TimeProvider.System, Console.Out);
try
{
    await phone.StartAsync();
}
catch (System.Net.Sockets.SocketException ex)
{
    await Console.Error.WriteLineAsync($"error: cannot listen on {options.Host}:{options.Port}: {ex.Message}");
    return 3;
}

var script = options.Behaviours.Count == 0 ? "answer-after 1" : string.Join(", ", options.Behaviours);
phone.Write($"LISTENING {phone.EndPoint} behaviours=\"{script}\" ack-after={options.AckAfter.TotalSeconds}s ack-digit={options.AckDigit}");
try
{
    await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token);
}
catch (OperationCanceledException)
{
    phone.Write("STOPPING");
}

Interlocked.Exchange(ref stopping, 1);
return 0;
