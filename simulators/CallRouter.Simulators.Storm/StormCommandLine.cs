using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm;

/// <summary><c>callrouter-storm run|check|server-env [--profile FILE] [overrides]</c>.</summary>
public sealed record StormCommandLine(string Verb, StormProfile Profile)
{
    public static string Usage =>
        "callrouter-storm run|check|server-env [--profile FILE] [options]\n"
        + "  run         start the agents and SIPp callers, print progress every second, then the report\n"
        + "  check       validate the profile and print it with the overrides applied\n"
        + "  server-env  print the server environment a storm needs (the agents' softphone passwords, load settings)\n"
        + "options (override the profile's keys):\n"
        + string.Join("\n", ProfileLoader.Options.Select(o => $"  {o.Key,-20} {o.Value}"))
        + "\nexit codes: 0 storm run with < 0.1 % failed calls, 1 more failures, 2 bad profile or options, 3 could not run";

    public static StormCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0] is not ("run" or "check" or "server-env"))
        {
            throw new ProfileException($"the first word must be run, check or server-env, not '{(args.Count == 0 ? "" : args[0])}'");
        }

        var rest = args.Skip(1).ToList();
        var profile = new StormProfile();
        int at = rest.IndexOf("--profile");
        if (at >= 0)
        {
            if (at + 1 >= rest.Count) throw new ProfileException("option --profile needs a file");
            profile = ProfileLoader.FromFile(rest[at + 1]);
            rest.RemoveRange(at, 2);
        }

        profile = ProfileLoader.ApplyOverrides(profile, rest);
        return new StormCommandLine(args[0], ProfileValidator.EnsureValid(profile));
    }
}
