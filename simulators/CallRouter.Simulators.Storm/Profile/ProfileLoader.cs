using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CallRouter.Simulators.Storm.Profile;

/// <summary>Reads a <see cref="StormProfile"/> from JSON and applies command-line overrides; every problem is a <see cref="ProfileException"/> with a clear message.</summary>
public static class ProfileLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A misspelt key would otherwise be ignored silently and the storm run with a default.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    /// <summary>Command-line options that override profile keys: option → what it sets.</summary>
    public static readonly IReadOnlyDictionary<string, string> Options = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--grpc"] = "grpcAddress (URL)",
        ["--sip"] = "sipServer (host:port)",
        ["--rate"] = "callRate (calls/s)",
        ["--calls"] = "calls",
        ["--max-duration"] = "maxDurationSeconds",
        ["--patience"] = "patienceSeconds",
        ["--models"] = "models, e.g. NS10=3,NS100=1",
        ["--severities"] = "severities, e.g. 1=1,2=3,3=4,4=2",
        ["--digits"] = "digits (rfc4733 or info)",
        ["--agents"] = "agents",
        ["--agent-prefix"] = "agentPrefix",
        ["--agent-password"] = "agentPassword",
        ["--no-create-agents"] = "createAgents = false (no value)",
        ["--no-register"] = "registerSoftphones = false (no value)",
        ["--think"] = "thinkSeconds",
        ["--talk"] = "talkSeconds",
        ["--wrap-up"] = "wrapUpSeconds",
        ["--no-answer"] = "noAnswerShare (0-1)",
        ["--busy"] = "busyShare (0-1)",
        ["--service-level"] = "serviceLevelSeconds",
        ["--admin"] = "adminUser:adminPassword",
        ["--softphone-port"] = "softphonePort",
        ["--agent-rtp-threads"] = "agentRtpReceiveThreads",
        ["--caller-port-base"] = "callerPortBase",
        ["--sipp"] = "sipp (path)",
        ["--report"] = "reportFile",
        ["--seed"] = "seed",
    };

    public static StormProfile FromJson(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<StormProfile>(json, Json) ?? throw new ProfileException($"{source}: the profile is empty (null)");
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw new ProfileException($"{source}: not a valid storm profile{where}: {e.Message}");
        }
    }

    public static StormProfile FromFile(string path)
    {
        if (!File.Exists(path)) throw new ProfileException($"profile file not found: {path}");
        return FromJson(File.ReadAllText(path), path);
    }

    public static string ToJson(StormProfile profile) => JsonSerializer.Serialize(profile, Json);

    /// <summary>Applies <c>--option value</c> pairs (see <see cref="Options"/>) on top of <paramref name="profile"/>.</summary>
    public static StormProfile ApplyOverrides(StormProfile profile, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(arguments);
        var p = profile;
        for (int i = 0; i < arguments.Count; i++)
        {
            string option = arguments[i];
            if (option is "--no-create-agents")
            {
                p = p with { CreateAgents = false };
                continue;
            }

            if (option is "--no-register")
            {
                p = p with { RegisterSoftphones = false };
                continue;
            }

            if (!Options.ContainsKey(option)) throw new ProfileException($"unknown option '{option}'");
            if (i + 1 >= arguments.Count) throw new ProfileException($"option {option} needs a value ({Options[option]})");
            string value = arguments[++i];
            p = option switch
            {
                "--grpc" => p with { GrpcAddress = value },
                "--sip" => p with { SipServer = value },
                "--rate" => p with { CallRate = Number(option, value) },
                "--calls" => p with { Calls = Integer(option, value) },
                "--max-duration" => p with { MaxDurationSeconds = Number(option, value) },
                "--patience" => p with { PatienceSeconds = Number(option, value) },
                "--models" => p with { Models = Weights(option, value, k => k) },
                "--severities" => p with { Severities = Weights(option, value, k => (int)Integer(option, k)) },
                "--digits" => p with { Digits = value },
                "--agents" => p with { Agents = Integer(option, value) },
                "--agent-prefix" => p with { AgentPrefix = value },
                "--agent-password" => p with { AgentPassword = value },
                "--think" => p with { ThinkSeconds = Number(option, value) },
                "--talk" => p with { TalkSeconds = Number(option, value) },
                "--wrap-up" => p with { WrapUpSeconds = Number(option, value) },
                "--no-answer" => p with { NoAnswerShare = Number(option, value) },
                "--busy" => p with { BusyShare = Number(option, value) },
                "--service-level" => p with { ServiceLevelSeconds = Number(option, value) },
                "--admin" => Admin(p, value),
                "--softphone-port" => p with { SoftphonePort = Integer(option, value) },
                "--agent-rtp-threads" => p with { AgentRtpReceiveThreads = Integer(option, value) },
                "--caller-port-base" => p with { CallerPortBase = Integer(option, value) },
                "--sipp" => p with { Sipp = value },
                "--report" => p with { ReportFile = value },
                "--seed" => p with { Seed = Integer(option, value) },
                _ => throw new ProfileException($"unknown option '{option}'"),
            };
        }

        return p;
    }

    private static StormProfile Admin(StormProfile p, string value)
    {
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1) throw new ProfileException("option --admin needs user:password");
        return p with { AdminUser = value[..colon], AdminPassword = value[(colon + 1)..] };
    }

    private static double Number(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            ? d
            : throw new ProfileException($"option {option}: '{value}' is not a number");

    private static int Integer(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new ProfileException($"option {option}: '{value}' is not a whole number");

    private static Dictionary<TKey, double> Weights<TKey>(string option, string value, Func<string, TKey> key)
        where TKey : notnull
    {
        var weights = new Dictionary<TKey, double>();
        foreach (string part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.LastIndexOf('=');
            if (eq <= 0) throw new ProfileException($"option {option}: '{part}' should be name=weight");
            var k = key(part[..eq].Trim());
            if (!weights.TryAdd(k, Number(option, part[(eq + 1)..].Trim()))) throw new ProfileException($"option {option}: '{part[..eq]}' is given twice");
        }

        return weights;
    }
}
