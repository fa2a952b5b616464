using System.Globalization;
using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm;

/// <summary>
/// The server settings a storm relies on, as environment variables for the all-in-one server: the storm
/// agents' softphone passwords (the gateway's registrar takes them from configuration, not from the
/// agent directory) and wrap-up/answer time-outs suited to load. The console accounts themselves are
/// created by the storm through AdminService.
/// </summary>
public static class ServerSettings
{
    public static IReadOnlyDictionary<string, string> For(StormProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < profile.Agents; i++) settings[$"CallRouter__Gateway__AgentCredentials__{profile.AgentId(i)}"] = profile.AgentPassword;
        // The storm's agents send WrapUp themselves; the core's own wrap-up timer is only the fallback.
        settings["CallRouter__Routing__WrapUpTime"] = TimeSpan.FromSeconds(Math.Max(5, profile.WrapUpSeconds * 4)).ToString("c", CultureInfo.InvariantCulture);
        return settings;
    }

    public static IEnumerable<string> EnvironmentFor(StormProfile profile) => For(profile).Select(s => $"{s.Key}={s.Value}");
}
