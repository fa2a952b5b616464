using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace CallRouter.Simulators.Ptas;

/// <summary>Command line of the PTAS / pager simulator; see docs/escalation.md.</summary>
public sealed partial class SimulatorOptions
{
    public const string Usage = """
        CallRouter.Simulators.Ptas — PTAS / pager simulator speaking SNPP (RFC 1861 level 3)
          --port N               loopback port to listen on (0 = any free port; default 4444)
          --host ADDR            loopback address (default 127.0.0.1; non-loopback is refused)
          --clock-speed X        simulated minutes per real minute (default 1; 60 = a minute a second)
          --clock-epoch INSTANT  ISO 8601 instant with offset: simulated now = epoch + speed x (real now - epoch),
                                 the same clock as the desk server's Escalation:Clock:Epoch (default: start at real now)
          --script FILE          engineer script, one "<pager-id|*> <behaviour> [name]" per line, # comments
          --engineer LINE        one script line, repeatable (e.g. --engineer "8887900 answer-after 5 Dana")
          --give-up-after M      simulated minutes after which an unanswered page is "cannot reach" (default 30; 0 = never)
          --notify-url URL       also POST a JSON "cannot reach" notice to this desk URL
          --notify-token T       send "Authorization: Bearer T" with the notice (the desk's PtasNotices:Token)
          --reject PAGER-ID      refuse this pager id with 550, repeatable
          --fail-sends N         answer the first N SEND commands with 554 (pager side failure)
          --max-runtime S        exit by itself after S real seconds (default 0 = run until stopped)
        Prints "LISTENING <host>:<port>" on stdout once it accepts connections.
        """;

    public IPAddress Host { get; private set; } = IPAddress.Loopback;

    public int Port { get; private set; } = 4444;

    public double ClockSpeed { get; private set; } = 1;

    public List<EngineerBehaviour> Engineers { get; } = [];

    public TimeSpan GiveUpAfter { get; private set; } = TimeSpan.FromMinutes(30);

    public DateTimeOffset? ClockEpoch { get; private set; }

    public Uri? NotifyUrl { get; private set; }

    public string? NotifyToken { get; private set; }

    public HashSet<string> RejectedPagers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int FailSends { get; private set; }

    public TimeSpan MaxRuntime { get; private set; }

    public bool ShowHelp { get; private set; }

    public static SimulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SimulatorOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
            {
                options.ShowHelp = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new FormatException($"{name} needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--port":
                    options.Port = LoopbackArguments.Port(value);
                    break;
                case "--host":
                    options.Host = LoopbackArguments.Host(value);
                    break;
                case "--clock-speed":
                    options.ClockSpeed = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed > 0 && speed <= 100_000
                        ? speed : throw new FormatException($"--clock-speed \"{value}\" is not a factor between 0 and 100000.");
                    break;
                case "--clock-epoch":
                    options.ClockEpoch = IsoInstant().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var epoch)
                        ? epoch : throw new FormatException($"--clock-epoch \"{value}\" is not an ISO 8601 instant with an offset (e.g. 2026-11-24T14:00:00Z).");
                    break;
                case "--notify-token":
                    options.NotifyToken = value.Length > 0 && value.All(c => c > ' ' && c < 127)
                        ? value : throw new FormatException("--notify-token must be printable ASCII without spaces.");
                    break;
                case "--script":
                    options.Engineers.AddRange(File.ReadAllLines(value)
                        .Select(l => l.Split('#', 2)[0].Trim())
                        .Where(l => l.Length > 0)
                        .Select(EngineerBehaviour.Parse));
                    break;
                case "--engineer":
                    options.Engineers.Add(EngineerBehaviour.Parse(value));
                    break;
                case "--give-up-after":
                    options.GiveUpAfter = TimeSpan.FromMinutes(NonNegative(name, value));
                    break;
                case "--notify-url":
                    options.NotifyUrl = Uri.TryCreate(value, UriKind.Absolute, out var url) && url.IsLoopback
                        ? url : throw new FormatException($"--notify-url \"{value}\" is not an absolute loopback URL.");
                    break;
                case "--reject":
                    options.RejectedPagers.Add(value);
                    break;
                case "--fail-sends":
                    options.FailSends = (int)NonNegative(name, value);
                    break;
                case "--max-runtime":
                    options.MaxRuntime = TimeSpan.FromSeconds(NonNegative(name, value));
                    break;
                default:
                    throw new FormatException($"unknown option {name}.");
            }
        }

        return options;
    }

    private static double NonNegative(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? n : throw new FormatException($"{name} \"{value}\" is not a non-negative number.");

    // The offset is required so the desk and the simulator cannot read the epoch differently.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoInstant();
}
