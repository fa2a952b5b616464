using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>The non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8).</summary>
public sealed class NonInviteServerTransaction : ServerTransaction
{
    internal NonInviteServerTransaction(ITransactionContext context, string key, SipMessage request, SipEndPoint remote)
        : base(context, key, request, remote)
    {
        SetState(TransactionState.Trying);
    }

    private protected override void HandleCore(TransactionInput input)
    {
        switch (input.Kind)
        {
            case TransactionInputKind.RequestReceived when State is TransactionState.Proceeding or TransactionState.Completed:
                // Retransmissions are absorbed in Trying and answered with the last response later.
                SendResponse(LastResponse!);
                break;
            case TransactionInputKind.SendResponse:
                OnSend(input.Message!);
                break;
            case TransactionInputKind.TimerFired when input.Timer == TransactionTimer.J && State == TransactionState.Completed:
                Terminate();
                break;
            case TransactionInputKind.TransportError:
                RaiseFailed(TransactionFailure.TransportError);
                break;
        }
    }

    private void OnSend(SipMessage response)
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            return;
        }

        LastResponse = response;
        SendResponse(response);
        if (response.StatusCode < 200)
        {
            SetState(TransactionState.Proceeding);
            return;
        }

        SetState(TransactionState.Completed);
        StartTimer(TransactionTimer.J, Reliable ? TimeSpan.Zero : Options.Timeout64);
    }
}
