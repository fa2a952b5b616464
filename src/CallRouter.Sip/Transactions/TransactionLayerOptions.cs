namespace CallRouter.Sip.Transactions;

public sealed class TransactionLayerOptions
{
    public TransactionOptions Timers { get; set; } = new();

    /// <summary>Live server transactions; beyond this, new requests are refused with 503 so memory stays bounded.</summary>
    public int MaxServerTransactions { get; set; } = 200_000;

    /// <summary>Seconds advertised in Retry-After when refusing for overload.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
