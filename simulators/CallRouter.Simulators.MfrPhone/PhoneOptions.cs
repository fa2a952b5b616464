using System.Globalization;
using System.Net;

namespace CallRouter.Simulators.MfrPhone;

/// <summary>Command line of the Mfr TS phone simulator; see docs/escalation.md.</summary>
public sealed class PhoneOptions
{
    public const string Usage = """
        CallRouter.Simulators.MfrPhone — the manufacturer TS phone: a SIP endpoint (UDP and TCP) that
        answers the desk's in-hours escalation call, or not, and acknowledges by RFC 4733 DTMF
          --port N               loopback SIP port (0 = any free port; default 5090)
          --host ADDR            loopback address (default 127.0.0.1; non-loopback is refused)
          --behaviour B          answer-after S | never | busy | answer-no-ack [S]; repeatable: the
                                 k-th call gets the k-th behaviour, the last one repeats (default "answer-after 1")
          --ack-after N          seconds from the answer to the key press (default 3)
          --ack-digit D          key pressed to acknowledge: 0-9, * or # (default 1)
          --max-call S           hang up by itself S seconds after answering (default 120)
          --rtp-ports A-B        RTP port range (default 42000-42999)
          --max-runtime S        exit by itself after S seconds (default 0 = run until stopped)
        Prints "LISTENING <host>:<port>" once it accepts calls, then one line per event
        (INVITE, RINGING, BUSY, CANCELLED, ANSWERED, DTMF, ENDED), each prefixed with the UTC time.
        """;

    public IPAddress Host { get; private set; } = IPAddress.Loopback;

    public int Port { get; private set; } = 5090;

    public List<PhoneBehaviour> Behaviours { get; } = [];

    public TimeSpan AckAfter { get; private set; } = TimeSpan.FromSeconds(3);

    public char AckDigit { get; private set; } = '1';

    public TimeSpan MaxCall { get; private set; } = TimeSpan.FromMinutes(2);

    public int RtpPortStart { get; private set; } = 42000;

    public int RtpPortEnd { get; private set; } = 42999;

    public TimeSpan MaxRuntime { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>The behaviour for the call numbered <paramref name="callNumber"/> (1-based).</summary>
    public PhoneBehaviour BehaviourFor(int callNumber) =>
        Behaviours.Count == 0 ? new PhoneBehaviour(PhoneBehaviourKind.AnswerAfter, TimeSpan.FromSeconds(1))
            : Behaviours[Math.Clamp(callNumber - 1, 0, Behaviours.Count - 1)];

    public static PhoneOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new PhoneOptions();
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
                case "--behaviour" or "--behavior":
                    options.Behaviours.Add(PhoneBehaviour.Parse(value));
                    break;
                case "--ack-after":
                    options.AckAfter = TimeSpan.FromSeconds(NonNegative(name, value));
                    break;
                case "--ack-digit":
                    options.AckDigit = value.Length == 1 && (char.IsAsciiDigit(value[0]) || value[0] is '*' or '#')
                        ? value[0] : throw new FormatException($"--ack-digit \"{value}\" is not one key (0-9, * or #).");
                    break;
                case "--max-call":
                    options.MaxCall = TimeSpan.FromSeconds(NonNegative(name, value));
                    break;
                case "--rtp-ports":
                    (options.RtpPortStart, options.RtpPortEnd) = PortRange(value);
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

    private static (int Start, int End) PortRange(string value)
    {
        var parts = value.Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var start) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var end)
            && start is >= 1024 and <= 65534 && end <= 65535 && end - start >= 3)
        {
            return (start, end);
        }

        throw new FormatException($"--rtp-ports \"{value}\" is not a range like 42000-42999 (at least 4 ports, from 1024).");
    }

    private static double NonNegative(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 && n <= 86_400
            ? n : throw new FormatException($"{name} \"{value}\" is not a number of seconds (0 to 86400).");
}
