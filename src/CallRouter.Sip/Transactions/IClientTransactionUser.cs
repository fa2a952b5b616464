using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transactions;

/// <summary>The layer above a client transaction: it hears every response passed up and every failure.</summary>
public interface IClientTransactionUser
{
    void OnResponse(ClientTransaction transaction, SipMessage response);

    void OnFailure(ClientTransaction transaction, TransactionFailure failure);
}
