namespace CallRouter.Gateway;

/// <summary>
/// <c>CallRouter:Gateway:PeerAuthentication</c>: digest authentication of the switch's INVITEs on top of the
/// address allow-list (SPEC R1). Off while <see cref="Credentials"/> is empty.
/// </summary>
public sealed class PeerAuthenticationOptions
{
    public string Realm { get; set; } = "callrouter-switch";

    /// <summary>User name → password of each switch; empty turns peer authentication off.</summary>
    public Dictionary<string, string> Credentials { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Digest algorithms offered, most preferred first; <c>[ "MD5" ]</c> for a switch (or SIPp) that knows only MD5.</summary>
    public string[] Algorithms { get; set; } = ["SHA-256", "MD5"];

    /// <summary>How long a challenge's nonce is honoured.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsEnabled => Credentials.Count > 0;
}
