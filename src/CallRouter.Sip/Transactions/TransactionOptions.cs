namespace CallRouter.Sip.Transactions;

/// <summary>RFC 3261 §17 timer bases; every timer derives from these (Table 4 of the RFC).</summary>
public sealed class TransactionOptions
{
    /// <summary>RTT estimate: first retransmission interval (500 ms by default).</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap on retransmission intervals for non-INVITE requests and INVITE responses.</summary>
    public TimeSpan T2 { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Longest time a message may stay in the network.</summary>
    public TimeSpan T4 { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer D on unreliable transports: at least 32 s.</summary>
    public TimeSpan TimerD { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>64·T1: the transaction time-out (Timers B, F, H, J, L, M).</summary>
    public TimeSpan Timeout64 => T1 * 64;
}
