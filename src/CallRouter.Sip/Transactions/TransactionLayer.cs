using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.Transactions;

/// <summary>
/// Matches messages to transactions, creates server transactions for new requests, answers CANCEL
/// (200 for the CANCEL, 487 for the INVITE), refuses merged requests with 482 and, when its table is
/// full, new requests with 503. Talks only to the transport below through <see cref="IMessageSender"/>.
/// </summary>
public sealed class TransactionLayer : ITransactionContext
{
    private readonly ConcurrentDictionary<string, ServerTransaction> _server = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ClientTransaction> _client = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _merge = new(StringComparer.Ordinal);
    private readonly TransactionLayerOptions _options;
    private readonly ILogger _logger;
    private ITransactionUser? _user;
    private long _refusals;

    public TransactionLayer(IMessageSender sender, TimeProvider time, TransactionLayerOptions options, ILogger logger)
    {
        Sender = sender;
        Time = time;
        _options = options;
        _logger = logger;
    }

    public TimeProvider Time { get; }

    public TransactionOptions Options => _options.Timers;

    public IMessageSender Sender { get; }

    public int ServerTransactionCount => _server.Count;

    public int ClientTransactionCount => _client.Count;

    /// <summary>Sets the layer above; must be called before messages arrive.</summary>
    public void SetUser(ITransactionUser user) => _user = user;

    /// <summary>Reads the transport queue until it completes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(ChannelReader<IncomingMessage> incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        try
        {
            while (await incoming.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (incoming.TryRead(out var message))
                {
                    try
                    {
                        Receive(message);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // One bad message must not stop the dispatcher.
                        TransactionLog.DispatchFailed(_logger, ex);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }

    /// <summary>Starts a client transaction for <paramref name="request"/>, whose top Via must carry a fresh branch.</summary>
    public ClientTransaction SendRequest(SipMessage request, SipEndPoint destination, IClientTransactionUser user)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == SipMethod.Ack) throw new ArgumentException("ACK is sent with SendStateless, not in a transaction", nameof(request));
        string key = TransactionKeys.Client(request);
        ClientTransaction transaction = request.Method == SipMethod.Invite
            ? new InviteClientTransaction(this, key, request, destination, user)
            : new NonInviteClientTransaction(this, key, request, destination, user);
        if (!_client.TryAdd(key, transaction)) throw new InvalidOperationException("a client transaction with this branch already exists");
        transaction.Start();
        return transaction;
    }

    /// <summary>Sends a message outside any transaction: the ACK for a 2xx, or a stateless response.</summary>
    public ValueTask<bool> SendStateless(SipMessage message, SipEndPoint destination) =>
        message.IsRequest ? Sender.SendAsync(message, destination) : Sender.SendResponseAsync(message, destination);

    public void Receive(IncomingMessage incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.Message.IsResponse)
        {
            if (_client.TryGetValue(TransactionKeys.Client(incoming.Message), out var client)) client.Handle(TransactionInput.Response(incoming.Message));
            else _user?.OnStrayResponse(incoming);
            return;
        }

        ReceiveRequest(incoming);
    }

    private void ReceiveRequest(IncomingMessage incoming)
    {
        var request = incoming.Message;
        string key = TransactionKeys.Server(request);
        if (_server.TryGetValue(key, out var existing))
        {
            existing.Handle(TransactionInput.Request(request));

            // Some peers reuse the INVITE branch for the ACK of a 2xx; the user still needs to see it (RFC 6026 §8.5).
            if (request.Method == SipMethod.Ack && existing.State == TransactionState.Accepted) _user?.OnAck(incoming);
            return;
        }

        switch (request.Method)
        {
            case SipMethod.Ack:
                _user?.OnAck(incoming);
                return;
            case SipMethod.Cancel:
                ReceiveCancel(incoming, key);
                return;
        }

        if (_server.Count >= _options.MaxServerTransactions)
        {
            if (LogThrottle.ShouldLog(ref _refusals, out long refusals)) TransactionLog.Overloaded(_logger, _server.Count, request.MethodName, refusals);
            var busy = SipResponses.Create(request, 503, toTag: SipIds.NewTag())
                .Add(HeaderKind.RetryAfter, _options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture))
                .Build();
            _ = Sender.SendResponseAsync(busy, incoming.Remote);
            return;
        }

        var transaction = Create(incoming, key);
        if (transaction is null) return;
        if (request.To.Tag is null && !_merge.TryAdd(TransactionKeys.Merge(request), key))
        {
            // Same request by another path (RFC 3261 §8.2.2.2): answer this copy 482 and keep the first.
            TransactionLog.Merged(_logger, request.MethodName);
            transaction.Respond(482, toTag: SipIds.NewTag());
            return;
        }

        if (transaction is InviteServerTransaction invite) invite.Start();
        if (_user is null)
        {
            transaction.Respond(503, toTag: SipIds.NewTag());
            return;
        }

        _user.OnRequest(transaction);
    }

    private ServerTransaction? Create(IncomingMessage incoming, string key)
    {
        ServerTransaction transaction = incoming.Message.Method == SipMethod.Invite
            ? new InviteServerTransaction(this, key, incoming.Message, incoming.Remote)
            : new NonInviteServerTransaction(this, key, incoming.Message, incoming.Remote);

        // Two copies racing in on different threads: the loser is a retransmission.
        if (_server.TryAdd(key, transaction)) return transaction;
        if (_server.TryGetValue(key, out var winner)) winner.Handle(TransactionInput.Request(incoming.Message));
        return null;
    }

    private void ReceiveCancel(IncomingMessage incoming, string key)
    {
        var cancelTransaction = Create(incoming, key);
        if (cancelTransaction is null) return;
        if (!_server.TryGetValue(TransactionKeys.ServerInvite(incoming.Message), out var target) || target is not InviteServerTransaction invite)
        {
            cancelTransaction.Respond(481, toTag: SipIds.NewTag());
            return;
        }

        // The CANCEL's responses carry the To tag the INVITE's responses carry (§9.2).
        string toTag = invite.LastResponse?.To.Tag ?? SipIds.NewTag();
        cancelTransaction.Respond(200, toTag: toTag);
        if (invite.HasFinalResponse) return;
        invite.MarkCancelled();
        if (!invite.HasFinalResponse) invite.Respond(487, toTag: toTag);
    }

    void ITransactionContext.OnTerminated(Transaction transaction)
    {
        switch (transaction)
        {
            case ServerTransaction server:
                _server.TryRemove(new KeyValuePair<string, ServerTransaction>(server.Key, server));
                if (server.Request.To.Tag is null)
                {
                    _merge.TryRemove(new KeyValuePair<string, string>(TransactionKeys.Merge(server.Request), server.Key));
                }

                break;
            case ClientTransaction client:
                _client.TryRemove(new KeyValuePair<string, ClientTransaction>(client.Key, client));
                break;
        }
    }
}
