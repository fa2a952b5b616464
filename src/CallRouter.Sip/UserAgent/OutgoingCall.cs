using CallRouter.Sip.Dialogs;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.UserAgent;

/// <summary>
/// The UAC side of an INVITE: provisional responses surface as events, the first 2xx creates the dialog
/// and is ACKed (and every retransmitted 2xx ACKed again), a failure ends the call, CANCEL is sent once a
/// provisional has arrived (RFC 3261 §9.1).
/// </summary>
public sealed class OutgoingCall : SipCall, IClientTransactionUser
{
    private readonly TaskCompletionSource<SipMessage> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private SipMessage? _ack;
    private bool _provisionalSeen;
    private bool _cancelRequested;
    private bool _cancelSent;

    internal OutgoingCall(SipStack stack, SipMessage invite, SipEndPoint destination)
        : base(stack, destination)
    {
        Invite = invite;
        LocalSdp = invite.Body;
    }

    public SipMessage Invite { get; }

    public override string CallId => Invite.CallId;

    /// <summary>The final response: 2xx when answered (already ACKed), otherwise the refusal, a local 408 on time-out or 487 after CANCEL.</summary>
    public Task<SipMessage> FinalResponse => _final.Task;

    /// <summary>The answer's session description once a 2xx has arrived.</summary>
    public ReadOnlyMemory<byte> AnswerSdp => _final.Task.IsCompletedSuccessfully ? _final.Task.Result.Body : default;

    /// <summary>1xx responses as they arrive.</summary>
    public event Action<OutgoingCall, SipMessage>? Provisional;

    internal void Start() => Stack.Transactions.SendRequest(Invite, Remote, this);

    /// <summary>Cancels a call not yet answered; sent as soon as a provisional response has arrived.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            if (_final.Task.IsCompleted || _cancelRequested) return;
            _cancelRequested = true;
            if (!_provisionalSeen) return;
        }

        SendCancel();
    }

    void IClientTransactionUser.OnResponse(ClientTransaction transaction, SipMessage response)
    {
        if (response.StatusCode < 200)
        {
            bool cancelNow;
            lock (_gate)
            {
                _provisionalSeen = true;
                cancelNow = _cancelRequested && !_cancelSent;

                // A tagged 1xx creates an early dialog (§12.1.2), so early in-dialog requests find this call.
                if (Dialog is null && response.To.Tag is not null && _ack is null)
                {
                    Dialog = Dialog.CreateAsUac(Invite, response);
                    Stack.Remember(this);
                }
            }

            if (cancelNow) SendCancel();
            Provisional?.Invoke(this, response);
            return;
        }

        if (response.StatusCode < 300)
        {
            OnSuccess(response);
            return;
        }

        _final.TrySetResult(response);
        End(response.StatusCode == 487 ? CallEndReason.Cancelled : CallEndReason.Rejected);
    }

    void IClientTransactionUser.OnFailure(ClientTransaction transaction, TransactionFailure failure)
    {
        _final.TrySetResult(SipResponses.Create(Invite, failure == TransactionFailure.Timeout ? 408 : 503).Build());
        End(CallEndReason.Timeout);
    }

    internal override Task EndForShutdownAsync()
    {
        if (_final.Task.IsCompletedSuccessfully && _final.Task.Result.StatusCode is >= 200 and < 300) return HangupAsync();
        Cancel();
        return _final.Task;
    }

    /// <summary>A 2xx retransmission that arrived after the INVITE transaction ended: ACK it again.</summary>
    internal void OnStray2xx(SipMessage response)
    {
        if (response.CSeqNumber == Invite.CSeqNumber) OnSuccess(response);
    }

    private void OnSuccess(SipMessage response)
    {
        SipMessage ack;
        lock (_gate)
        {
            if (_ack is null)
            {
                // Route set and target come from the 2xx (§13.2.2.4); an early dialog with another tag was a fork that lost.
                var early = Dialog;
                Dialog = Dialog.CreateAsUac(Invite, response);
                if (early is not null && early.Id != Dialog.Id) Stack.Forget(early.Id, this);
                _ack = BuildAck(Dialog);
                Stack.Remember(this);
            }

            ack = _ack;
        }

        if (!Dialog!.TryGetNextHop(Remote.Protocol, out var next)) next = Remote;
        _ = Stack.Transactions.SendStateless(ack, next);
        _final.TrySetResult(response);
    }

    /// <summary>ACK for 2xx (§13.2.2.4): a new transaction-less request in the dialog with the INVITE's CSeq number.</summary>
    private SipMessage BuildAck(Dialog dialog)
    {
        if (!dialog.TryGetNextHop(Remote.Protocol, out var next)) next = Remote;
        var via = Stack.Transport.GetLocalEndPoint(next.Protocol, next.Address.Address);
        return dialog.CreateRequest("ACK", via, SipIds.NewBranch(), Invite.CSeqNumber)
            .Add(HeaderKind.Contact, Stack.ContactFor(via).ToString())
            .Build();
    }

    /// <summary>CANCEL (§9.1): same Request-URI, Call-ID, From, To, CSeq number and top Via as the INVITE.</summary>
    private void SendCancel()
    {
        lock (_gate)
        {
            if (_cancelSent) return;
            _cancelSent = true;
        }

        var builder = SipMessageBuilder.Request("CANCEL", Invite.RequestUriText)
            .Add(HeaderKind.Via, Invite.GetHeaderValues(HeaderKind.Via)[0])
            .Add(HeaderKind.MaxForwards, "70")
            .Add(HeaderKind.From, Invite.GetHeader(HeaderKind.From)!)
            .Add(HeaderKind.To, Invite.GetHeader(HeaderKind.To)!)
            .Add(HeaderKind.CallId, Invite.CallId)
            .Add(HeaderKind.CSeq, $"{Invite.CSeqNumber} CANCEL");
        foreach (var route in Invite.GetHeaderValues(HeaderKind.Route)) builder.Add(HeaderKind.Route, route);
        Stack.Transactions.SendRequest(builder.Build(), Remote, new RequestAwaiter());
    }
}
