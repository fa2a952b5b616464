using System.Net;
using CallRouter.Media.Codecs;

namespace CallRouter.Media.Sdp;

/// <summary>What this end can do and where it listens; the input to offer/answer.</summary>
public sealed record MediaCapabilities
{
    public MediaCapabilities(IPAddress address)
    {
        Address = address;
    }

    /// <summary>The address written into c= lines: where the peer must send RTP.</summary>
    public IPAddress Address { get; init; }

    /// <summary>Codecs in order of preference. Both laws by default so transcoding is rarely needed.</summary>
    public IReadOnlyList<G711Law> Codecs { get; init; } = [G711Law.MuLaw, G711Law.ALaw];

    /// <summary>Payload type used for telephone-event in our offers; null disables RFC 4733 events.</summary>
    public int? TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>The packetisation time we send and ask for, in milliseconds.</summary>
    public int PacketTimeMs { get; init; } = 20;

    public string UserName { get; init; } = "callrouter";
}
