using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>A client transaction (RFC 3261 §17.1); created by <see cref="TransactionLayer.SendRequest"/>.</summary>
public abstract class ClientTransaction : Transaction
{
    private protected ClientTransaction(ITransactionContext context, string key, SipMessage request, SipEndPoint remote, IClientTransactionUser user)
        : base(context, key, request, remote)
    {
        User = user;
    }

    public IClientTransactionUser User { get; }

    /// <summary>The last response passed to the user.</summary>
    public SipMessage? LastResponse { get; private protected set; }

    internal void Start() => Execute(StartCore);

    private protected abstract void StartCore();

    private protected void PassUp(SipMessage response)
    {
        LastResponse = response;
        After(() => User.OnResponse(this, response));
    }

    private protected void Fail(TransactionFailure failure)
    {
        Terminate();
        After(() => User.OnFailure(this, failure));
    }
}
