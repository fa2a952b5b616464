using System.Globalization;
using CallRouter.Media.Rtp;

namespace CallRouter.MediaLoad;

/// <summary>What one invocation runs; every combination of calls × mode × socket path is one bounded run.</summary>
internal sealed record LoadSettings
{
    public IReadOnlyList<int> Calls { get; init; } = [250, 500, 1000];

    /// <summary>
    /// "bridged" (phones → gateway sessions → bridge → phones), "direct" (phone to phone, the baseline)
    /// and/or "playback" (one gateway session per call looping hold music to listening phones).
    /// </summary>
    public IReadOnlyList<string> Modes { get; init; } = ["direct", "bridged"];

    public IReadOnlyList<RtpSocketMode> SocketModes { get; init; } = [RtpSocketMode.Async, RtpSocketMode.Epoll];

    /// <summary>The gateway's epoll receive threads; null keeps the engine's default (one per core, at most 4).</summary>
    public int? ReceiveThreads { get; init; }

    /// <summary>Datagrams the gateway's epoll path reads per socket and wake-up (1 = no EAGAIN read).</summary>
    public int DatagramsPerWakeup { get; init; } = 16;

    /// <summary>The phones' receive batching delay: remote phones would not be woken by the gateway's sends on this host.</summary>
    public TimeSpan PhoneBatchingDelay { get; init; } = TimeSpan.Zero;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After the send window, how long late packets may still arrive before counting as lost.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>UDP sockets the phones share (each phone stream is identified by its payload, not its port).</summary>
    public int PhoneSockets { get; init; } = 16;

    /// <summary>
    /// The gateway sessions' RTP range: below the Linux ephemeral range and clear of the test
    /// servers' blocks (10000–15000, tests/Shared) and the gateway's default (20000–29999), so a
    /// load run does not take the ports of tests running at the same time. 2,500 pairs = 1,250
    /// calls; pass --ports for more.
    /// </summary>
    public int PortRangeStart { get; init; } = 15000;

    public int PortRangeEnd { get; init; } = 19999;

    public static LoadSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new LoadSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"Option {name} needs a value.");
            }

            var value = args[++i];
            settings = name switch
            {
                "--calls" => settings with { Calls = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                "--modes" => settings with { Modes = [.. value.Split(',').Select(CheckMode)] },
                "--sockets" => settings with { SocketModes = [.. value.Split(',').Select(v => Enum.Parse<RtpSocketMode>(v, ignoreCase: true))] },
                "--receive-threads" => settings with { ReceiveThreads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--budget" => settings with { DatagramsPerWakeup = int.Parse(value, CultureInfo.InvariantCulture) },
                "--phone-batch-us" => settings with { PhoneBatchingDelay = TimeSpan.FromMicroseconds(int.Parse(value, CultureInfo.InvariantCulture)) },
                "--warmup" => settings with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--measure" => settings with { Measure = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--drain" => settings with { Drain = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--phone-sockets" => settings with { PhoneSockets = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ports" => settings with
                {
                    PortRangeStart = int.Parse(value.Split('-')[0], CultureInfo.InvariantCulture),
                    PortRangeEnd = int.Parse(value.Split('-')[1], CultureInfo.InvariantCulture),
                },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        if (settings.Calls.Any(c => c is < 1 or > 20_000) || settings.Measure > TimeSpan.FromMinutes(10) || settings.Warmup > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException("Calls must be 1-20000, the measured window at most 10 minutes and the warm-up at most 1 minute.");
        }

        return settings;
    }

    private static string CheckMode(string mode) =>
        mode is "bridged" or "direct" or "playback" ? mode : throw new ArgumentException($"Mode {mode} is not bridged, direct or playback.");
}
