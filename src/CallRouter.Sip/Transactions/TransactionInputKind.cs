namespace CallRouter.Sip.Transactions;

/// <summary>Everything that can drive a transaction machine: one Handle method takes all of them.</summary>
public enum TransactionInputKind : byte
{
    /// <summary>A request (original, retransmission or ACK) arrived from the network.</summary>
    RequestReceived,

    /// <summary>A response arrived from the network.</summary>
    ResponseReceived,

    /// <summary>The transaction user asks a server transaction to send a response.</summary>
    SendResponse,

    /// <summary>One of the RFC timers expired.</summary>
    TimerFired,

    /// <summary>The transport reported that a send failed.</summary>
    TransportError,
}
