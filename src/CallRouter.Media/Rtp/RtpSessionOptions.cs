namespace CallRouter.Media.Rtp;

/// <summary>Tunables of an <see cref="RtpSession"/>; the defaults suit G.711 telephony.</summary>
public sealed record RtpSessionOptions
{
    /// <summary>Our SSRC; random when null (RFC 3550 §8.1 asks for a random value).</summary>
    public uint? Ssrc { get; init; }

    public int ClockRate { get; init; } = 8000;

    /// <summary>
    /// How long the latched source must have been silent before packets from a different address
    /// may take over (a NAT rebinding or a re-INVITE to a new media server). Shorter would let a
    /// stray or hostile sender hijack the stream mid-call.
    /// </summary>
    public TimeSpan RelatchAfterSilence { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>RTCP report interval (RFC 3550 §6.2 recommends 5 s minimum).</summary>
    public TimeSpan RtcpInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The CNAME sent in SDES; one per host process is enough for a B2BUA.</summary>
    public string CanonicalName { get; init; } = "callrouter@localhost";
}
