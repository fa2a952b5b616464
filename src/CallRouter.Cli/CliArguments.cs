namespace CallRouter.Cli;

/// <summary>"--name value" and "--flag" options after the command word; nothing clever.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    public CliArguments(IEnumerable<string> args)
    {
        string[] list = args.ToArray();
        for (int i = 0; i < list.Length; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliException($"unexpected argument '{list[i]}'");
            }

            string name = list[i][2..];
            bool hasValue = i + 1 < list.Length && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            _options[name] = hasValue ? list[++i] : null;
        }
    }

    public string Get(string name, string fallback) => _options.TryGetValue(name, out string? v) && v is not null ? v : fallback;

    public string Require(string name) =>
        _options.TryGetValue(name, out string? v) && !string.IsNullOrEmpty(v) ? v : throw new CliException($"--{name} is required");

    public bool Flag(string name) => _options.ContainsKey(name);

    public int GetInt(string name, int fallback) =>
        _options.TryGetValue(name, out string? v) && v is not null
            ? int.TryParse(v, out int parsed) ? parsed : throw new CliException($"--{name} must be a whole number")
            : fallback;

    /// <summary>Server address from --server, CALLROUTER_SERVER, or the embedded default.</summary>
    public string Server => Get("server", Environment.GetEnvironmentVariable("CALLROUTER_SERVER") ?? "http://127.0.0.1:50051");

    /// <summary>The password from --password or CALLROUTER_PASSWORD (which keeps it out of the process list).</summary>
    public string Password(string fallbackForDemo) =>
        Get("password", Environment.GetEnvironmentVariable("CALLROUTER_PASSWORD") ?? fallbackForDemo);
}

internal sealed class CliException(string message) : Exception(message);
