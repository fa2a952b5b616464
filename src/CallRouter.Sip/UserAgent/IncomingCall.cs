using System.Globalization;
using CallRouter.Sip.Dialogs;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;

namespace CallRouter.Sip.UserAgent;

/// <summary>
/// The UAS side of an incoming INVITE: ring, answer with SDP, reject or redirect. After answering it
/// retransmits the 2xx (T1 doubling to T2) until the ACK arrives, and hangs up if none comes within
/// 64·T1 (RFC 3261 §13.3.1.4).
/// </summary>
public sealed class IncomingCall : SipCall
{
    private readonly ServerTransaction _transaction;
    private readonly string _localTag = SipIds.NewTag();
    private readonly TaskCompletionSource _acked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private SipMessage? _ok;
    private ITimer? _retransmit;
    private TimeSpan _interval;
    private long _answeredAt;

    internal IncomingCall(SipStack stack, ServerTransaction transaction)
        : base(stack, transaction.Remote)
    {
        _transaction = transaction;
        Dialog = Dialog.CreateAsUas(transaction.Request, _localTag);
        transaction.Cancelled.Register(() => End(CallEndReason.Cancelled));
        transaction.Failed += (_, _) => End(CallEndReason.Timeout);
    }

    public SipMessage Invite => _transaction.Request;

    public override string CallId => Invite.CallId;

    /// <summary>The caller's session offer (usually application/sdp), empty when the INVITE had no body.</summary>
    public ReadOnlyMemory<byte> OfferSdp => Invite.Body;

    /// <summary>Signalled when the caller sends CANCEL; the stack has already answered 487.</summary>
    public CancellationToken Cancelled => _transaction.Cancelled;

    public bool IsAnswered => _ok is not null;

    /// <summary>Any header of the INVITE (call context such as X-NS-Model), case-insensitive.</summary>
    public string? GetHeader(string name) => Invite.GetHeader(name);

    /// <summary>
    /// Checks the INVITE's digest credentials (RFC 3261 §22.2). When they are missing, wrong or stale the call is
    /// answered 401 with fresh challenges (stale=true when only the nonce had expired) and false is returned;
    /// the caller's retry arrives as a new call.
    /// </summary>
    public bool Authenticate(DigestAuthenticator authenticator, out string? userName)
    {
        ArgumentNullException.ThrowIfNull(authenticator);
        var outcome = authenticator.Verify(Invite, out userName);
        if (outcome == DigestOutcome.Authenticated) return true;
        _transaction.Respond(401, null, _localTag, b =>
        {
            foreach (var challenge in authenticator.Challenges(stale: outcome == DigestOutcome.Stale)) b.Add(HeaderKind.WwwAuthenticate, challenge);
        });
        End(CallEndReason.Rejected);
        return false;
    }

    /// <summary>Sends 180 Ringing, or 183 Session Progress with early media when <paramref name="earlySdp"/> is given.</summary>
    public void Ring(ReadOnlyMemory<byte> earlySdp = default) =>
        _transaction.Respond(earlySdp.IsEmpty ? 180 : 183, toTag: _localTag, customise: b =>
        {
            b.Add(HeaderKind.Contact, LocalContact());
            if (!earlySdp.IsEmpty) b.Body("application/sdp", earlySdp);
        });

    /// <summary>Answers 200 OK with <paramref name="sdp"/>; completes when the ACK arrives, or throws <see cref="TimeoutException"/>.</summary>
    public Task AnswerAsync(ReadOnlyMemory<byte> sdp, string contentType = "application/sdp", CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_ok is not null) return _acked.Task.WaitAsync(cancellationToken);
            if (Cancelled.IsCancellationRequested || _transaction.HasFinalResponse) throw new InvalidOperationException("the call was cancelled or already answered");
            LocalSdp = sdp;
            _ok = SipResponses.Create(Invite, 200, toTag: _localTag)
                .Add(HeaderKind.Contact, LocalContact())
                .Add(HeaderKind.Allow, SipStack.AllowedMethods)
                .Add(HeaderKind.Supported, string.Join(", ", Stack.Options.SupportedExtensions))
                .Add(HeaderKind.Server, Stack.Options.UserAgent)
                .Body(contentType, sdp)
                .Build();
            _interval = Stack.Transactions.Options.T1;
            _answeredAt = Stack.Time.GetTimestamp();
            if (!Remote.IsReliable) _retransmit = Stack.Time.CreateTimer(_ => Retransmit(), null, _interval, Timeout.InfiniteTimeSpan);
            else _retransmit = Stack.Time.CreateTimer(_ => Retransmit(), null, Stack.Transactions.Options.Timeout64, Timeout.InfiniteTimeSpan);
        }

        Dialog!.Confirm();
        _transaction.Respond(_ok);
        return _acked.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Refuses the call with a final status (4xx–6xx); <paramref name="retryAfterSeconds"/> adds Retry-After.</summary>
    public void Reject(int statusCode, string? reasonPhrase = null, int? retryAfterSeconds = null)
    {
        if (statusCode < 300) throw new ArgumentOutOfRangeException(nameof(statusCode), "use AnswerAsync for 2xx");
        _transaction.Respond(statusCode, reasonPhrase, _localTag, b =>
        {
            if (retryAfterSeconds is int seconds) b.Add(HeaderKind.RetryAfter, seconds.ToString(CultureInfo.InvariantCulture));
        });
        End(CallEndReason.Rejected);
    }

    /// <summary>Redirects the caller (3xx) to one or more contacts, in preference order.</summary>
    public void Redirect(IEnumerable<SipUri> contacts, int statusCode = 302)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (statusCode is < 300 or > 399) throw new ArgumentOutOfRangeException(nameof(statusCode));
        _transaction.Respond(statusCode, null, _localTag, b =>
        {
            foreach (var contact in contacts) b.Add(HeaderKind.Contact, new NameAddress(contact).ToString());
        });
        End(CallEndReason.Rejected);
    }

    internal override Task EndForShutdownAsync()
    {
        if (!IsAnswered)
        {
            Reject(503, "Service Unavailable - Shutting Down", Stack.Options.RetryAfterSeconds);
            return Task.CompletedTask;
        }

        return HangupAsync();
    }

    internal override void OnAck(SipMessage ack)
    {
        lock (_gate)
        {
            _retransmit?.Dispose();
            _retransmit = null;
        }

        if (ack.CSeqNumber == Invite.CSeqNumber) _acked.TrySetResult();
    }

    private void Retransmit()
    {
        bool giveUp;
        lock (_gate)
        {
            if (_retransmit is null || _acked.Task.IsCompleted) return;
            giveUp = Stack.Time.GetElapsedTime(_answeredAt) >= Stack.Transactions.Options.Timeout64;
            if (!giveUp)
            {
                _interval = TimeSpan.FromTicks(Math.Min((_interval * 2).Ticks, Stack.Transactions.Options.T2.Ticks));
                _retransmit.Change(_interval, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _retransmit.Dispose();
                _retransmit = null;
            }
        }

        if (!giveUp)
        {
            _transaction.Respond(_ok!);
            return;
        }

        // No ACK within 64·T1: confirm the dialog and end it with BYE (§13.3.1.4).
        UserAgentLog.NoAck(Stack.Logger, CallId);
        _acked.TrySetException(new TimeoutException("no ACK for 200 OK"));
        _ = HangupAfterNoAckAsync();
    }

    private async Task HangupAfterNoAckAsync()
    {
        try
        {
            await HangupAsync().ConfigureAwait(false);
        }
        finally
        {
            End(CallEndReason.Timeout);
        }
    }

    private string LocalContact() => Stack.ContactFor(Stack.Transport.GetLocalEndPoint(Remote.Protocol, Remote.Address.Address)).ToString();
}
