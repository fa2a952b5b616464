using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>A server transaction (RFC 3261 §17.2); the transaction user answers through <see cref="Respond"/>.</summary>
public abstract class ServerTransaction : Transaction
{
    private readonly CancellationTokenSource _cancelled = new();

    private protected ServerTransaction(ITransactionContext context, string key, SipMessage request, SipEndPoint remote)
        : base(context, key, request, remote)
    {
    }

    /// <summary>The last response sent, re-sent when the request is retransmitted.</summary>
    public SipMessage? LastResponse { get; private protected set; }

    /// <summary>Signalled when a CANCEL for this request arrives (RFC 3261 §9.2).</summary>
    public CancellationToken Cancelled => _cancelled.Token;

    /// <summary>Raised (outside the lock) when the transaction fails: no ACK (Timer H) or a transport error.</summary>
    public event Action<ServerTransaction, TransactionFailure>? Failed;

    public bool HasFinalResponse => LastResponse is { StatusCode: >= 200 };

    /// <summary>Sends a response built by the user (provisional or final).</summary>
    public void Respond(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Handle(TransactionInput.Send(response));
    }

    /// <summary>Builds and sends a response to <see cref="Transaction.Request"/> in one step.</summary>
    public SipMessage Respond(int statusCode, string? reasonPhrase = null, string? toTag = null, Action<SipMessageBuilder>? customise = null)
    {
        var builder = SipResponses.Create(Request, statusCode, reasonPhrase, toTag);
        customise?.Invoke(builder);
        var response = builder.Build();
        Respond(response);
        return response;
    }

    internal void MarkCancelled() => _cancelled.Cancel();

    private protected void RaiseFailed(TransactionFailure failure)
    {
        Terminate();
        After(() => Failed?.Invoke(this, failure));
    }
}
