namespace CallRouter.Sip.Transactions;

/// <summary>States of the four RFC 3261 §17 machines, with RFC 6026's Accepted.</summary>
public enum TransactionState : byte
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
