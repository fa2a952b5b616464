using CallRouter.Media.Codecs;

namespace CallRouter.Media.Sdp;

/// <summary>A negotiated G.711 codec: the law and the payload type the peer uses for it.</summary>
public sealed record AudioCodec(int PayloadType, G711Law Law)
{
    /// <summary>The RTP/AVP static assignment (RFC 3551): PCMU 0, PCMA 8.</summary>
    public static AudioCodec Pcmu { get; } = new(0, G711Law.MuLaw);

    public static AudioCodec Pcma { get; } = new(8, G711Law.ALaw);

    public string EncodingName => Law == G711Law.MuLaw ? "PCMU" : "PCMA";

    public static AudioCodec Static(G711Law law) => law == G711Law.MuLaw ? Pcmu : Pcma;
}
