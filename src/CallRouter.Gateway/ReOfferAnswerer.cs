using System.Text;
using CallRouter.Media.Sdp;

namespace CallRouter.Gateway;

/// <summary>
/// Answers a peer's re-INVITE offer on one of the gateway's legs (RFC 3264 §8.4): the leg takes the new offer
/// (address, codec, direction), so a softphone's hold (a=sendonly or inactive) is answered recvonly or inactive
/// and its resume sendrecv, on the same dialog. Whether the peer now holds the gateway is passed on.
/// </summary>
public static class ReOfferAnswerer
{
    /// <param name="accept">The leg's offer handling (<c>MediaSession.AcceptOffer</c>).</param>
    /// <param name="peerHolds">Called with true when the peer no longer wants to receive (hold), false when it does again.</param>
    /// <returns>The SIP layer's answerer: the answer's bytes, or null for a 488 (unreadable or unusable offer; the leg is unchanged).</returns>
    public static Func<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>?> For(Func<SessionDescription, OfferAnswerResult> accept, Action<bool> peerHolds)
    {
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(peerHolds);
        return body =>
        {
            if (!SdpParser.TryParse(body.Span, out var offer, out _)) return null;
            var result = accept(offer);
            if (!result.IsAccepted) return null;
            peerHolds(!result.Media!.Direction.CanSend());
            return Encoding.ASCII.GetBytes(result.Answer!.ToString());
        };
    }
}
