namespace CallRouter.Sip.Transactions;

/// <summary>The timers of RFC 3261 §17 and RFC 6026, by their RFC names.</summary>
public enum TransactionTimer : byte
{
    /// <summary>INVITE client: request retransmission (unreliable only), doubling from T1.</summary>
    A,

    /// <summary>INVITE client: transaction time-out, 64·T1.</summary>
    B,

    /// <summary>INVITE client: wait for response retransmissions in Completed (≥32 s unreliable, 0 reliable).</summary>
    D,

    /// <summary>Non-INVITE client: request retransmission, doubling from T1 up to T2.</summary>
    E,

    /// <summary>Non-INVITE client: transaction time-out, 64·T1.</summary>
    F,

    /// <summary>INVITE server: final response retransmission, doubling from T1 up to T2.</summary>
    G,

    /// <summary>INVITE server: wait for ACK, 64·T1.</summary>
    H,

    /// <summary>INVITE server: wait for ACK retransmissions in Confirmed (T4 unreliable, 0 reliable).</summary>
    I,

    /// <summary>Non-INVITE server: wait for request retransmissions in Completed (64·T1 unreliable, 0 reliable).</summary>
    J,

    /// <summary>Non-INVITE client: wait for response retransmissions in Completed (T4 unreliable, 0 reliable).</summary>
    K,

    /// <summary>INVITE server (RFC 6026): stay in Accepted to absorb INVITE retransmissions, 64·T1.</summary>
    L,

    /// <summary>INVITE client (RFC 6026): stay in Accepted to pass 2xx retransmissions up, 64·T1.</summary>
    M,
}
