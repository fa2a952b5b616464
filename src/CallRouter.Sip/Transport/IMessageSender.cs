using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transport;

/// <summary>What the transaction layer needs from the transports; tests replace it with a recorder.</summary>
public interface IMessageSender
{
    /// <summary>Sends a request (or an ACK) to a resolved destination, opening a TCP connection if needed.</summary>
    ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a response: over the connection the request came on when it is reliable and still open,
    /// otherwise where the top Via says (RFC 3261 §18.2.2, RFC 3581).
    /// </summary>
    ValueTask<bool> SendResponseAsync(SipMessage response, SipEndPoint requestSource, CancellationToken cancellationToken = default);

    /// <summary>The address and port to put in Via and Contact for messages sent with <paramref name="protocol"/> towards <paramref name="destination"/>.</summary>
    SipEndPoint GetLocalEndPoint(TransportProtocol protocol, System.Net.IPAddress destination);
}
