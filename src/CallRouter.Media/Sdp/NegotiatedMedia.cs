using System.Net;

namespace CallRouter.Media.Sdp;

/// <summary>
/// The outcome of offer/answer for the one audio stream of a call, from this end's point of view:
/// what to send, where, and whether sending and receiving are allowed (hold).
/// </summary>
public sealed record NegotiatedMedia(
    AudioCodec Codec,
    int? TelephoneEventPayloadType,
    IPEndPoint RemoteEndPoint,
    MediaDirection Direction,
    int PacketTimeMs)
{
    /// <summary>Samples per packet at 8 kHz.</summary>
    public int SamplesPerPacket => PacketTimeMs * 8;
}
