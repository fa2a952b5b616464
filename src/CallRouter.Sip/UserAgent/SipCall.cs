using System.Globalization;
using System.Text;
using CallRouter.Sip.Dialogs;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.UserAgent;

/// <summary>
/// What both call legs share once a dialog exists: in-dialog requests in both directions (BYE, INFO,
/// REFER, NOTIFY, re-INVITE), CSeq checks, and the end of the call.
/// </summary>
public abstract class SipCall
{
    private readonly TaskCompletionSource<CallEndReason> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private protected SipCall(SipStack stack, SipEndPoint remote)
    {
        Stack = stack;
        Remote = remote;
    }

    internal SipStack Stack { get; }

    /// <summary>The peer's transport address (where the INVITE came from or went to).</summary>
    public SipEndPoint Remote { get; }

    public Dialog? Dialog { get; private protected set; }

    public abstract string CallId { get; }

    /// <summary>Completes when the call is over, with why.</summary>
    public Task<CallEndReason> Ended => _ended.Task;

    /// <summary>The session description we last sent, used to answer a re-INVITE that changes nothing.</summary>
    public ReadOnlyMemory<byte> LocalSdp { get; private protected set; }

    /// <summary>
    /// Answers the session offer of a re-INVITE from the peer (hold with a=sendonly, resume, a new address): given the
    /// offer, returns the answer to send with 200, or null to refuse the offer with 488 (the session stays as it was).
    /// Runs on the SIP dispatcher, so it must be quick. Without it, or for a re-INVITE without an offer, the 200
    /// carries <see cref="LocalSdp"/> unchanged.
    /// </summary>
    public Func<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>?>? ReInviteOfferAnswerer { get; set; }

    /// <summary>INFO received in the dialog (the DTMF fallback of RFC 2976 / application/dtmf-relay); already answered 200.</summary>
    public event Action<SipCall, SipMessage>? InfoReceived;

    /// <summary>REFER received (RFC 3515), already answered 202; Refer-To, Referred-By and Replaces are in the message.</summary>
    public event Action<SipCall, SipMessage>? ReferReceived;

    /// <summary>NOTIFY received (for example refer progress as message/sipfrag); already answered 200.</summary>
    public event Action<SipCall, SipMessage>? NotifyReceived;

    /// <summary>Sends BYE and ends the call; returns the BYE's final response status.</summary>
    public async Task<int> HangupAsync(CancellationToken cancellationToken = default)
    {
        if (Dialog is null || Dialog.State == DialogState.Terminated) return 481;
        var response = await SendInDialogAsync("BYE", null, cancellationToken).ConfigureAwait(false);
        End(CallEndReason.LocalHangup);
        return response.StatusCode;
    }

    /// <summary>Sends an in-dialog request (INFO, REFER, NOTIFY, UPDATE…) and returns its final response.</summary>
    public async Task<SipMessage> SendInDialogAsync(string method, Action<SipMessageBuilder>? customise, CancellationToken cancellationToken = default)
    {
        var dialog = Dialog ?? throw new InvalidOperationException("the call has no dialog yet");
        if (!dialog.TryGetNextHop(Remote.Protocol, out var next)) next = Remote;
        var via = Stack.Transport.GetLocalEndPoint(next.Protocol, next.Address.Address);
        var builder = dialog.CreateRequest(method, via, SipIds.NewBranch());
        builder.Add(HeaderKind.Contact, Stack.ContactFor(via).ToString());
        customise?.Invoke(builder);
        var awaiter = new RequestAwaiter();
        Stack.Transactions.SendRequest(builder.Build(), next, awaiter);
        return await awaiter.Final.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a re-INVITE (a target refresh, §14) with a new offer; on 2xx the remote target is refreshed and
    /// the ACK sent. Returns the final response.
    /// </summary>
    public async Task<SipMessage> ReInviteAsync(ReadOnlyMemory<byte> sdp, CancellationToken cancellationToken = default)
    {
        var dialog = Dialog ?? throw new InvalidOperationException("the call has no dialog yet");
        var response = await SendInDialogAsync("INVITE", b =>
        {
            if (!sdp.IsEmpty) b.Body("application/sdp", sdp);
        }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is < 200 or >= 300) return response;
        LocalSdp = sdp;
        dialog.RefreshTarget(response);
        if (!dialog.TryGetNextHop(Remote.Protocol, out var next)) next = Remote;
        var via = Stack.Transport.GetLocalEndPoint(next.Protocol, next.Address.Address);
        var ack = dialog.CreateRequest("ACK", via, SipIds.NewBranch(), response.CSeqNumber).Build();
        await Stack.Transactions.SendStateless(ack, next).ConfigureAwait(false);
        return response;
    }

    /// <summary>Asks the peer to call <paramref name="target"/> (RFC 3515); Referred-By and Replaces are passed through when given.</summary>
    public Task<SipMessage> ReferAsync(SipUri target, string? referredBy = null, string? replaces = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var referTo = replaces is null ? target : target.WithHeader("Replaces", replaces);
        return SendInDialogAsync("REFER", b =>
        {
            b.Add(HeaderKind.ReferTo, new NameAddress(referTo).ToString());
            if (referredBy is not null) b.Add(HeaderKind.ReferredBy, referredBy);
        }, cancellationToken);
    }

    /// <summary>Reports REFER progress with a message/sipfrag NOTIFY (RFC 3515 §2.4.4); a final status ends the subscription.</summary>
    public Task<SipMessage> NotifyReferProgressAsync(int statusCode, string? reasonPhrase = null, CancellationToken cancellationToken = default)
    {
        var fragment = Encoding.ASCII.GetBytes($"SIP/2.0 {statusCode.ToString(CultureInfo.InvariantCulture)} {reasonPhrase ?? SipReasonPhrases.Get(statusCode)}\r\n");
        return SendInDialogAsync("NOTIFY", b => b
            .Add(HeaderKind.Event, "refer")
            .Add(HeaderKind.SubscriptionState, statusCode >= 200 ? "terminated;reason=noresource" : "active;expires=60")
            .Body("message/sipfrag;version=2.0", fragment), cancellationToken);
    }

    /// <summary>Handles a request inside this dialog; the transaction layer already matched it here.</summary>
    internal virtual void OnRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var dialog = Dialog!;
        if (!dialog.AcceptRemoteCSeq(request))
        {
            // Out of order (RFC 3261 §12.2.2).
            transaction.Respond(500, "Server Internal Error - CSeq Out Of Order");
            return;
        }

        switch (request.Method)
        {
            case SipMethod.Bye:
                transaction.Respond(200);
                dialog.Terminate();
                End(CallEndReason.RemoteHangup);
                break;
            case SipMethod.Invite:
                if (!request.Body.IsEmpty && ReInviteOfferAnswerer is { } answerer)
                {
                    if (answerer(request.Body) is not { } answer)
                    {
                        transaction.Respond(488, "Not Acceptable Here");
                        break;
                    }

                    LocalSdp = answer;
                }

                // A re-INVITE refreshes the target (§12.2.2); without an answerer the session stays as it was.
                dialog.RefreshTarget(request);
                transaction.Respond(200, customise: b => AddAnswerHeaders(b, transaction));
                break;
            case SipMethod.Info:
                transaction.Respond(200);
                InfoReceived?.Invoke(this, request);
                break;
            case SipMethod.Refer when request.HasHeader(HeaderKind.ReferTo):
                transaction.Respond(202);
                ReferReceived?.Invoke(this, request);
                break;
            case SipMethod.Refer:
                transaction.Respond(400, "Bad Request - Missing Refer-To");
                break;
            case SipMethod.Notify:
                transaction.Respond(200);
                NotifyReceived?.Invoke(this, request);
                break;
            case SipMethod.Options or SipMethod.Update:
                transaction.Respond(200, customise: b => b.Add(HeaderKind.Allow, SipStack.AllowedMethods));
                break;
            default:
                transaction.Respond(request.Method == SipMethod.Unknown ? 501 : 405, customise: b => b.Add(HeaderKind.Allow, SipStack.AllowedMethods));
                break;
        }
    }

    private void AddAnswerHeaders(SipMessageBuilder builder, ServerTransaction transaction)
    {
        builder.Add(HeaderKind.Contact, Stack.ContactFor(Stack.Transport.GetLocalEndPoint(transaction.Remote.Protocol, transaction.Remote.Address.Address)).ToString());
        if (!LocalSdp.IsEmpty) builder.Body("application/sdp", LocalSdp);
    }

    /// <summary>Ends the call politely because the stack is stopping.</summary>
    internal abstract Task EndForShutdownAsync();

    internal virtual void OnAck(SipMessage ack)
    {
    }

    private protected void End(CallEndReason reason)
    {
        if (!_ended.TrySetResult(reason)) return;
        Dialog?.Terminate();
        Stack.Forget(this);
    }

    internal void Shutdown() => End(CallEndReason.Shutdown);
}
