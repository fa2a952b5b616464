using System.Net;
using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transport;

/// <summary>Where a response goes, from its top Via (RFC 3261 §18.2.2 with RFC 3581 §4).</summary>
public static class ResponseRouting
{
    public static bool TryGetDestination(ViaHeader via, out SipEndPoint destination)
    {
        ArgumentNullException.ThrowIfNull(via);
        destination = default;
        var protocol = SipEndPoint.ParseProtocol(via.Transport);
        string host = via.Received ?? via.Host;
        int defaultPort = protocol == TransportProtocol.Tls ? 5061 : 5060;
        int port = via.Received is not null && via.Rport is int rport ? rport : via.Port ?? defaultPort;
        if (!IPAddress.TryParse(host.AsSpan().Trim('[').TrimEnd(']'), out var address))
        {
            // Host names in Via would need DNS (RFC 3263); the peers this product talks to send addresses.
            return false;
        }

        destination = new SipEndPoint(protocol, new IPEndPoint(address, port));
        return true;
    }
}
