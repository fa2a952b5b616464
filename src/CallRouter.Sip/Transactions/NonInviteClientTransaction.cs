using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>The non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6).</summary>
public sealed class NonInviteClientTransaction : ClientTransaction
{
    private TimeSpan _timerE;

    internal NonInviteClientTransaction(ITransactionContext context, string key, SipMessage request, SipEndPoint remote, IClientTransactionUser user)
        : base(context, key, request, remote, user)
    {
    }

    private protected override void StartCore()
    {
        SetState(TransactionState.Trying);
        SendRequest(Request);
        if (!Reliable)
        {
            _timerE = Options.T1;
            StartTimer(TransactionTimer.E, _timerE);
        }

        StartTimer(TransactionTimer.F, Options.Timeout64);
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
            case TransactionInputKind.TransportError when State is TransactionState.Trying or TransactionState.Proceeding:
                Fail(TransactionFailure.TransportError);
                break;
        }
    }

    private void OnResponse(SipMessage response)
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            return;
        }

        if (response.StatusCode < 200)
        {
            SetState(TransactionState.Proceeding);
            PassUp(response);
            return;
        }

        SetState(TransactionState.Completed);
        StopTimer(TransactionTimer.E);
        StopTimer(TransactionTimer.F);
        StartTimer(TransactionTimer.K, Reliable ? TimeSpan.Zero : Options.T4);
        PassUp(response);
    }

    private void OnTimer(TransactionTimer timer)
    {
        switch (timer)
        {
            case TransactionTimer.E when State is TransactionState.Trying or TransactionState.Proceeding:
                SendRequest(Request);

                // In Proceeding the interval is T2 straight away (§17.1.2.2).
                _timerE = State == TransactionState.Proceeding ? Options.T2 : TimeSpan.FromTicks(Math.Min((_timerE * 2).Ticks, Options.T2.Ticks));
                StartTimer(TransactionTimer.E, _timerE);
                break;
            case TransactionTimer.F when State is TransactionState.Trying or TransactionState.Proceeding:
                Fail(TransactionFailure.Timeout);
                break;
            case TransactionTimer.K when State == TransactionState.Completed:
                Terminate();
                break;
        }
    }
}
