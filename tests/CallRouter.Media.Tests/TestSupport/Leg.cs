using System.Net;
using CallRouter.Media.Codecs;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.Media.Tests.TestSupport;

/// <summary>A media session on in-memory transports plus the "remote phone" facts a test needs.</summary>
public sealed class Leg
{
    private Leg(MediaSession session, FakeRtpTransport rtp, FakeRtpTransport rtcp, IPEndPoint peer)
    {
        Session = session;
        RtpTransport = rtp;
        RtcpTransport = rtcp;
        Peer = peer;
    }

    public MediaSession Session { get; }

    public FakeRtpTransport RtpTransport { get; }

    public FakeRtpTransport RtcpTransport { get; }

    /// <summary>The phone's RTP address (as offered and as the source of its packets).</summary>
    public IPEndPoint Peer { get; }

    /// <summary>Creates a session and answers an offer from a phone that offers only <paramref name="law"/> and telephone-event on <paramref name="eventType"/>.</summary>
    public static Leg Answered(MediaEngine engine, G711Law law, int? eventType = 101, string peerAddress = "192.0.2.10", int peerPort = 10000, uint ssrc = 0x5000)
    {
        var rtp = new FakeRtpTransport(30000 + (int)(ssrc % 1000 * 2));
        var rtcp = new FakeRtpTransport(rtp.LocalEndPoint.Port + 1);
        var session = engine.CreateSession(rtp, rtcp, new RtpSessionOptions { Ssrc = ssrc });
        var peerCaps = new MediaCapabilities(IPAddress.Parse(peerAddress)) { Codecs = [law], TelephoneEventPayloadType = eventType };
        var offer = SdpNegotiator.CreateOffer(peerCaps, peerPort);
        var result = session.AcceptOffer(offer);
        if (!result.IsAccepted)
        {
            throw new InvalidOperationException(result.Reason);
        }

        return new Leg(session, rtp, rtcp, new IPEndPoint(IPAddress.Parse(peerAddress), peerPort));
    }

    /// <summary>Delivers a packet from the phone straight into the session's receive path.</summary>
    public void Receive(byte[] datagram) => Session.Rtp.ProcessRtp(datagram, Peer);

    public void ReceiveEvent(byte eventType, ushort sequence, uint timestamp, bool marker, byte code, bool end, ushort duration, uint ssrc = 0x7777)
    {
        var payload = new byte[4];
        new CallRouter.Media.Dtmf.TelephoneEvent(code, end, 10, duration).WriteTo(payload);
        Receive(TestSupport.Rtp.Packet(eventType, sequence, timestamp, ssrc, payload, marker));
    }
}
