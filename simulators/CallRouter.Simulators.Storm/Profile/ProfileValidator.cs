using System.Net;
using CallRouter.Simulators.Storm.Callers;

namespace CallRouter.Simulators.Storm.Profile;

/// <summary>Checks a profile before anything is started; each problem is one line naming the key.</summary>
public static class ProfileValidator
{
    /// <summary>Model spellings the gateway accepts, keyed by their normalised form (case, spaces and hyphens ignored).</summary>
    private static readonly HashSet<string> KnownModels = new(StringComparer.Ordinal) { "NS5", "NSREMOTE", "NS10", "NS100" };

    public static IReadOnlyList<string> Validate(StormProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok) errors.Add(message);
        }

        Check(Uri.TryCreate(profile.GrpcAddress, UriKind.Absolute, out var grpc) && grpc.Scheme == Uri.UriSchemeHttp && IsLoopback(grpc.Host),
            $"grpcAddress: '{profile.GrpcAddress}' must be an http:// URL on loopback (the storm only talks to a local server)");
        Check(TryEndPoint(profile.SipServer, out var sip) && IPAddress.IsLoopback(sip.Address),
            $"sipServer: '{profile.SipServer}' must be a loopback IP address and port, e.g. 127.0.0.1:5060");
        Check(IPAddress.TryParse(profile.LocalAddress, out var local) && IPAddress.IsLoopback(local),
            $"localAddress: '{profile.LocalAddress}' must be a loopback IP address");
        Check(profile.CallRate is > 0 and <= 5000, $"callRate: {profile.CallRate} must be above 0 and at most 5000 calls/s");
        Check(profile.Calls is >= 1 and <= 10_000_000, $"calls: {profile.Calls} must be between 1 and 10,000,000");
        Check(profile.MaxDurationSeconds is > 0 and <= 86_400, $"maxDurationSeconds: {profile.MaxDurationSeconds} must be above 0 and at most 86400 (a day)");
        if (profile.CallRate > 0 && profile.Calls >= 1)
        {
            double placing = profile.Calls / profile.CallRate;
            Check(placing < profile.MaxDurationSeconds,
                $"maxDurationSeconds: {profile.MaxDurationSeconds} s is too short to place {profile.Calls} calls at {profile.CallRate}/s ({placing:0.#} s)");
        }

        Check(profile.PatienceSeconds is > 0 and <= 3600, $"patienceSeconds: {profile.PatienceSeconds} must be above 0 and at most 3600");
        Check(profile.PatienceSeconds > profile.TalkSeconds,
            $"patienceSeconds: {profile.PatienceSeconds} must be longer than talkSeconds ({profile.TalkSeconds}): a caller's patience runs until the call ends, talk included");
        CheckWeights(profile.Models, "models", errors, name => KnownModels.Contains(Normalise(name)),
            "is not a model the desk supports (NS-5, NS Remote, NS10, NS100)");
        CheckWeights(profile.Severities, "severities", errors, s => s is >= 1 and <= 4, "is not a severity (1 to 4)");
        Check(profile.Digits is CallerScenario.Rfc4733 or CallerScenario.Info, $"digits: '{profile.Digits}' must be {CallerScenario.Rfc4733} or {CallerScenario.Info}");
        Check(profile.Agents is >= 1 and <= 9999, $"agents: {profile.Agents} must be between 1 and 9999");
        Check(!string.IsNullOrEmpty(profile.AgentPrefix) && profile.AgentPrefix.Length <= 20 && profile.AgentPrefix.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'),
            $"agentPrefix: '{profile.AgentPrefix}' must be 1 to 20 lower-case letters or digits (it names SIP users and logins)");
        Check(profile.AgentPassword is { Length: >= 8 and <= 128 }, "agentPassword: must be 8 to 128 characters (the server refuses shorter agent passwords)");
        Check(!profile.CreateAgents || (profile.AdminUser.Length > 0 && profile.AdminPassword.Length > 0),
            "adminUser/adminPassword: needed to create the storm agents (or set createAgents to false)");
        Check(profile.ThinkSeconds is >= 0 and <= 600, $"thinkSeconds: {profile.ThinkSeconds} must be between 0 and 600");
        Check(profile.TalkSeconds is > 0 and <= 3600, $"talkSeconds: {profile.TalkSeconds} must be above 0 and at most 3600");
        Check(profile.WrapUpSeconds is >= 0 and <= 600, $"wrapUpSeconds: {profile.WrapUpSeconds} must be between 0 and 600");
        Check(profile.NoAnswerShare is >= 0 and <= 1, $"noAnswerShare: {profile.NoAnswerShare} must be between 0 and 1");
        Check(profile.BusyShare is >= 0 and <= 1, $"busyShare: {profile.BusyShare} must be between 0 and 1");
        Check(profile.NoAnswerShare + profile.BusyShare < 1,
            $"noAnswerShare + busyShare: {profile.NoAnswerShare + profile.BusyShare} must stay below 1 (some agent must answer)");
        Check(profile.ServiceLevelSeconds is > 0 and <= 3600, $"serviceLevelSeconds: {profile.ServiceLevelSeconds} must be above 0 and at most 3600");
        Check(profile.SoftphonePort is >= 0 and <= 65535, $"softphonePort: {profile.SoftphonePort} is not a UDP port");
        Check(profile.CallerPortBase is 0 or (>= 1024 and <= 65000), $"callerPortBase: {profile.CallerPortBase} must be 0 (free ports) or 1024 to 65000");
        Check(profile.AgentRtpPortStart is >= 1024 and <= 65534 && profile.AgentRtpPortEnd <= 65535 && profile.AgentRtpPortEnd - profile.AgentRtpPortStart >= 3,
            $"agentRtpPortStart/agentRtpPortEnd: {profile.AgentRtpPortStart}-{profile.AgentRtpPortEnd} must be a range of at least 4 ports within 1024-65535");
        Check(profile.AgentRtpReceiveThreads is >= 0 and <= 16, $"agentRtpReceiveThreads: {profile.AgentRtpReceiveThreads} must be between 0 (the media library's default) and 16");
        return errors;
    }

    /// <summary>Throws a <see cref="ProfileException"/> listing every problem, or returns the profile.</summary>
    public static StormProfile EnsureValid(StormProfile profile)
    {
        var errors = Validate(profile);
        if (errors.Count > 0) throw new ProfileException("the storm profile is not valid:\n  " + string.Join("\n  ", errors));
        return profile;
    }

    public static bool TryEndPoint(string text, out IPEndPoint endPoint) =>
        IPEndPoint.TryParse(text ?? "", out endPoint!) && endPoint.Port is > 0 and <= 65535;

    internal static string Normalise(string model) =>
        new string(model.Where(c => c is not (' ' or '-' or '_')).ToArray()).ToUpperInvariant();

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var a) && IPAddress.IsLoopback(a));

    private static void CheckWeights<TKey>(Dictionary<TKey, double>? weights, string key, List<string> errors, Func<TKey, bool> known, string unknown)
        where TKey : notnull
    {
        if (weights is null || weights.Count == 0)
        {
            errors.Add($"{key}: at least one entry with a weight above 0 is needed");
            return;
        }

        foreach (var (name, weight) in weights)
        {
            if (!known(name)) errors.Add($"{key}: '{name}' {unknown}");
            if (!(weight >= 0) || double.IsInfinity(weight)) errors.Add($"{key}: the weight of '{name}' ({weight}) must be 0 or more");
        }

        if (!(weights.Values.Where(double.IsFinite).Sum() > 0)) errors.Add($"{key}: the weights must add up to more than 0");
    }
}
