namespace CallRouter.Sip.Transactions;

public enum TransactionFailure : byte
{
    /// <summary>Timer B or F (client) fired without a final response.</summary>
    Timeout,

    /// <summary>Timer H (INVITE server) fired: the ACK for a failure response never came.</summary>
    NoAck,

    /// <summary>The transport could not send.</summary>
    TransportError,
}
