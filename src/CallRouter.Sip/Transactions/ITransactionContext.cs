using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>What a transaction needs from the layer that owns it: the clock, timer bases, a sender, and a way to leave.</summary>
internal interface ITransactionContext
{
    TimeProvider Time { get; }

    TransactionOptions Options { get; }

    IMessageSender Sender { get; }

    void OnTerminated(Transaction transaction);
}
