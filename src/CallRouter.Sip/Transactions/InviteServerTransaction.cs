using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>The INVITE server transaction (RFC 3261 §17.2.1, Figure 7, with RFC 6026's Accepted state).</summary>
public sealed class InviteServerTransaction : ServerTransaction
{
    private TimeSpan _timerG;

    internal InviteServerTransaction(ITransactionContext context, string key, SipMessage request, SipEndPoint remote)
        : base(context, key, request, remote)
    {
        SetState(TransactionState.Proceeding);
    }

    /// <summary>Sends 100 Trying at once so the client stops retransmitting (§17.2.1).</summary>
    internal void Start() => Execute(() =>
    {
        LastResponse = SipResponses.Create(Request, 100).Build();
        SendResponse(LastResponse);
    });

    private protected override void HandleCore(TransactionInput input)
    {
        switch (input.Kind)
        {
            case TransactionInputKind.RequestReceived:
                OnRequest(input.Message!);
                break;
            case TransactionInputKind.SendResponse:
                OnSend(input.Message!);
                break;
            case TransactionInputKind.TimerFired:
                OnTimer(input.Timer);
                break;
            case TransactionInputKind.TransportError when State != TransactionState.Confirmed:
                RaiseFailed(TransactionFailure.TransportError);
                break;
        }
    }

    private void OnRequest(SipMessage request)
    {
        bool isAck = request.Method == SipMethod.Ack;
        switch (State)
        {
            case TransactionState.Proceeding when !isAck:
            case TransactionState.Completed when !isAck:
                // A retransmitted INVITE gets the last response again.
                if (LastResponse is not null) SendResponse(LastResponse);
                break;
            case TransactionState.Completed:
                SetState(TransactionState.Confirmed);
                StopTimer(TransactionTimer.G);
                StopTimer(TransactionTimer.H);
                StartTimer(TransactionTimer.I, Reliable ? TimeSpan.Zero : Options.T4);
                break;

            // Accepted absorbs INVITE retransmissions (RFC 6026 §7.1); Confirmed absorbs ACKs.
        }
    }

    private void OnSend(SipMessage response)
    {
        int status = response.StatusCode;
        switch (State)
        {
            case TransactionState.Proceeding when status < 200:
                LastResponse = response;
                SendResponse(response);
                break;
            case TransactionState.Proceeding when status < 300:
                LastResponse = response;
                SendResponse(response);
                SetState(TransactionState.Accepted);
                StartTimer(TransactionTimer.L, Options.Timeout64);
                break;
            case TransactionState.Proceeding:
                LastResponse = response;
                SendResponse(response);
                SetState(TransactionState.Completed);
                if (!Reliable)
                {
                    _timerG = Options.T1;
                    StartTimer(TransactionTimer.G, _timerG);
                }

                StartTimer(TransactionTimer.H, Options.Timeout64);
                break;
            case TransactionState.Accepted when status is >= 200 and < 300:
                // The user retransmits its 2xx until the ACK arrives (§13.3.1.4); pass them through.
                SendResponse(response);
                break;
        }
    }

    private void OnTimer(TransactionTimer timer)
    {
        switch (timer)
        {
            case TransactionTimer.G when State == TransactionState.Completed:
                SendResponse(LastResponse!);
                _timerG = TimeSpan.FromTicks(Math.Min((_timerG * 2).Ticks, Options.T2.Ticks));
                StartTimer(TransactionTimer.G, _timerG);
                break;
            case TransactionTimer.H when State == TransactionState.Completed:
                RaiseFailed(TransactionFailure.NoAck);
                break;
            case TransactionTimer.I when State == TransactionState.Confirmed:
            case TransactionTimer.L when State == TransactionState.Accepted:
                Terminate();
                break;
        }
    }
}
