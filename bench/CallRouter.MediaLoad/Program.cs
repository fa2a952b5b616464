using CallRouter.MediaLoad;

// Bounded loopback load for the media relay; see docs/benchmarks/media.md.
//   dotnet run -c Release --project bench/CallRouter.MediaLoad -- --calls 250,500,1000 --modes direct,bridged --sockets async,epoll
//   dotnet run -c Release --project bench/CallRouter.MediaLoad -- --calls 2000,4000 --modes playback   (calls = players)
// The phones run in a child process of this executable ("phones" as first argument); it is
// started, fed and stopped by the gateway side and ends by itself after warm-up + measure + drain.
try
{
    if (args.Length > 0 && args[0] == PhoneProcess.Role)
    {
        return PhoneProcess.Run(args[1..]);
    }

    if (args.Length > 0 && args[0] == ListenerProcess.Role)
    {
        return ListenerProcess.Run(args[1..]);
    }

    var settings = LoadSettings.Parse(args);
    foreach (var calls in settings.Calls)
    {
        foreach (var mode in settings.Modes)
        {
            if (mode == "playback")
            {
                Console.WriteLine(await PlaybackRun.RunAsync(settings, calls).ConfigureAwait(false));
                continue;
            }

            var socketModes = mode == "direct" ? settings.SocketModes.Take(1) : settings.SocketModes;
            foreach (var socketMode in socketModes)
            {
                var report = await GatewaySide.RunAsync(settings, calls, mode == "bridged", socketMode).ConfigureAwait(false);
                Console.WriteLine(report);
            }
        }
    }

    return 0;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
