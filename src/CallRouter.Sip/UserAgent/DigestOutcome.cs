namespace CallRouter.Sip.UserAgent;

public enum DigestOutcome : byte
{
    /// <summary>No Authorization header for our realm.</summary>
    Missing,

    /// <summary>Malformed, unknown user, wrong realm or wrong response.</summary>
    Invalid,

    /// <summary>The response was right but the nonce has expired: challenge again with stale=true.</summary>
    Stale,

    Authenticated,
}
