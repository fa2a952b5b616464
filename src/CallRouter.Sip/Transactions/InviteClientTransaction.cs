using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>The INVITE client transaction (RFC 3261 §17.1.1, Figure 5, with RFC 6026's Accepted state).</summary>
public sealed class InviteClientTransaction : ClientTransaction
{
    private TimeSpan _timerA;
    private SipMessage? _ack;

    internal InviteClientTransaction(ITransactionContext context, string key, SipMessage request, SipEndPoint remote, IClientTransactionUser user)
        : base(context, key, request, remote, user)
    {
    }

    private protected override void StartCore()
    {
        SetState(TransactionState.Calling);
        SendRequest(Request);
        if (!Reliable)
        {
            _timerA = Options.T1;
            StartTimer(TransactionTimer.A, _timerA);
        }

        StartTimer(TransactionTimer.B, Options.Timeout64);
    }

    private protected override void HandleCore(TransactionInput input)
    {
        switch (input.Kind)
        {
            case TransactionInputKind.ResponseReceived:
                OnResponse(input.Message!);
                break;
            case TransactionInputKind.TimerFired:
                OnTimer(input.Timer);
                break;
            case TransactionInputKind.TransportError when State is TransactionState.Calling or TransactionState.Proceeding or TransactionState.Completed:
                Fail(TransactionFailure.TransportError);
                break;
        }
    }

    private void OnResponse(SipMessage response)
    {
        int status = response.StatusCode;
        switch (State)
        {
            case TransactionState.Calling or TransactionState.Proceeding when status < 200:
                SetState(TransactionState.Proceeding);
                StopTimer(TransactionTimer.A);
                PassUp(response);
                break;
            case TransactionState.Calling or TransactionState.Proceeding when status < 300:
                // RFC 6026: stay to pass 2xx retransmissions (the ACK for 2xx belongs to the user).
                SetState(TransactionState.Accepted);
                StopTimer(TransactionTimer.A);
                StopTimer(TransactionTimer.B);
                StartTimer(TransactionTimer.M, Options.Timeout64);
                PassUp(response);
                break;
            case TransactionState.Calling or TransactionState.Proceeding:
                SetState(TransactionState.Completed);
                StopTimer(TransactionTimer.A);
                StopTimer(TransactionTimer.B);
                _ack = AckFactory.ForFailure(Request, response);
                SendRequest(_ack);
                StartTimer(TransactionTimer.D, Reliable ? TimeSpan.Zero : Options.TimerD);
                PassUp(response);
                break;
            case TransactionState.Completed when status >= 300:
                // A retransmitted failure means our ACK was lost: send it again, tell nobody.
                SendRequest(_ack!);
                break;
            case TransactionState.Accepted when status is >= 200 and < 300:
                PassUp(response);
                break;
        }
    }

    private void OnTimer(TransactionTimer timer)
    {
        switch (timer)
        {
            case TransactionTimer.A when State == TransactionState.Calling:
                SendRequest(Request);
                _timerA *= 2;
                StartTimer(TransactionTimer.A, _timerA);
                break;
            case TransactionTimer.B when State == TransactionState.Calling:
                Fail(TransactionFailure.Timeout);
                break;
            case TransactionTimer.D when State == TransactionState.Completed:
            case TransactionTimer.M when State == TransactionState.Accepted:
                Terminate();
                break;
        }
    }
}
