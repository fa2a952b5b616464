using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>The layer above the transaction layer (dialogs and user agents) as the transactions see it.</summary>
public interface ITransactionUser
{
    /// <summary>A new request with its server transaction; answer through <see cref="ServerTransaction.Respond(Message.SipMessage)"/>.</summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>An ACK that belongs to no server transaction: the ACK for a 2xx (RFC 3261 §17.1.1.3, RFC 6026).</summary>
    void OnAck(IncomingMessage ack);

    /// <summary>A response no client transaction claims, typically a 2xx retransmitted after the INVITE transaction ended.</summary>
    void OnStrayResponse(IncomingMessage response);
}
