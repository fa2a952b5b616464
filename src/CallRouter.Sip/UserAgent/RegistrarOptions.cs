namespace CallRouter.Sip.UserAgent;

public sealed class RegistrarOptions
{
    /// <summary>Digest realm (RFC 7616 §3.3).</summary>
    public string Realm { get; set; } = "callrouter";

    /// <summary>User name → password. When empty, REGISTER is accepted without authentication.</summary>
    public Dictionary<string, string> Credentials { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Algorithms offered, most preferred first (RFC 8760 §2.4): SHA-256 and/or MD5.</summary>
    public string[] Algorithms { get; set; } = ["SHA-256", "MD5"];

    /// <summary>How long a nonce is honoured; an older one gets a fresh challenge with stale=true.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public int MinExpiresSeconds { get; set; } = 60;

    public int MaxExpiresSeconds { get; set; } = 3600;

    public int DefaultExpiresSeconds { get; set; } = 3600;

    /// <summary>Bindings kept in all; beyond this new ones get 503 so memory stays bounded.</summary>
    public int MaxBindings { get; set; } = 10_000;
}
