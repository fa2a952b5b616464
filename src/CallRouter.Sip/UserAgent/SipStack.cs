using System.Collections.Concurrent;
using System.Net;
using CallRouter.Sip.Dialogs;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;
using CallRouter.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CallRouter.Sip.UserAgent;

/// <summary>
/// The hostable SIP endpoint: transports, transactions, dialogs and user-agent behaviour in one object.
/// It answers OPTIONS, runs the registrar when enabled, hands each new INVITE to the plugged-in handler
/// (or refuses it with <see cref="SipStackOptions.UnhandledInviteStatus"/>), and places outgoing calls.
/// </summary>
public sealed partial class SipStack : ITransactionUser, IAsyncDisposable
{
    /// <summary>Methods this endpoint accepts, for Allow headers.</summary>
    public const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE, REGISTER";

    private readonly ConcurrentDictionary<DialogId, SipCall> _calls = new();
    private readonly OverloadGuard _guard;
    private Func<IncomingCall, CancellationToken, Task>? _inviteHandler;
    private SipTransportLayer? _transport;
    private TransactionLayer? _transactions;
    private CancellationTokenSource? _stopping;
    private Task[] _dispatchers = [];
    private long _refusals;

    public SipStack(IOptions<SipStackOptions> options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), time, loggerFactory)
    {
    }

    public SipStack(SipStackOptions options, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        Time = time ?? TimeProvider.System;
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("CallRouter.Sip");
        _guard = new OverloadGuard(Time, options.MaxInvitesPerSecondPerSource);
        Registrar = options.EnableRegistrar ? new Registrar(options.Registrar, Time, Logger) : null;
    }

    public SipStackOptions Options { get; }

    public TimeProvider Time { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    /// <summary>The registrar, when <see cref="SipStackOptions.EnableRegistrar"/> is set.</summary>
    public Registrar? Registrar { get; }

    /// <summary>Every bound socket (useful when port 0 was configured).</summary>
    public IReadOnlyList<SipEndPoint> LocalEndPoints => _transport?.LocalEndPoints ?? [];

    /// <summary>Calls with a dialog, including incoming INVITEs not yet answered.</summary>
    public int ActiveCalls => _calls.Count;

    internal SipTransportLayer Transport => _transport ?? throw new InvalidOperationException("the SIP stack is not started");

    internal TransactionLayer Transactions => _transactions ?? throw new InvalidOperationException("the SIP stack is not started");

    /// <summary>
    /// Plugs in what happens to each new INVITE. The handler must end with Answer, Reject or Redirect;
    /// if it throws or returns without a final response, the stack answers 500.
    /// </summary>
    public void OnInvite(Func<IncomingCall, CancellationToken, Task> handler) => _inviteHandler = handler;

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_transport is not null) throw new InvalidOperationException("already started");
        var transportOptions = new TransportOptions
        {
            MaxMessageSize = Options.MaxMessageSize,
            TcpIdleTimeout = Options.TcpIdleTimeout,
            ReceiveQueueCapacity = Options.ReceiveQueueCapacity,
            ReceivePartitions = Math.Max(1, Environment.ProcessorCount),
        };
        transportOptions.Protocols.Clear();
        if (Options.EnableUdp) transportOptions.Protocols.Add(TransportProtocol.Udp);
        if (Options.EnableTcp) transportOptions.Protocols.Add(TransportProtocol.Tcp);
        foreach (var address in Options.ListenAddresses) transportOptions.ListenEndPoints.Add(IPEndPoint.Parse(address));

        var timers = new TransactionOptions
        {
            T1 = TimeSpan.FromMilliseconds(Options.T1Milliseconds),
            T2 = TimeSpan.FromMilliseconds(Options.T2Milliseconds),
            T4 = TimeSpan.FromMilliseconds(Options.T4Milliseconds),
        };
        var transport = new SipTransportLayer(transportOptions, Time, LoggerFactory.CreateLogger("CallRouter.Sip.Transport"));
        var transactions = new TransactionLayer(transport, Time, new TransactionLayerOptions
        {
            Timers = timers,
            MaxServerTransactions = Options.MaxServerTransactions,
            RetryAfterSeconds = Options.RetryAfterSeconds,
        }, LoggerFactory.CreateLogger("CallRouter.Sip.Transactions"));
        transactions.SetUser(this);
        transport.Start();
        _transport = transport;
        _transactions = transactions;
        _stopping = new CancellationTokenSource();

        // One dispatcher per partition (one per core): parsing happened on the socket loops; this is
        // transaction and dialog work, and a call's messages stay in order on one partition.
        var stopping = _stopping.Token;
        _dispatchers = transport.IncomingPartitions
            .Select(reader => Task.Run(() => transactions.RunAsync(reader, stopping)))
            .ToArray();
        UserAgentLog.Started(Logger, string.Join(", ", transport.LocalEndPoints));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_transport is null || _stopping is null) return;

        // Graceful first: BYE answered calls, refuse or cancel unanswered ones, within a bounded grace period.
        var endings = _calls.Values.Select(call => call.EndForShutdownAsync()).ToArray();
        try
        {
            await Task.WhenAll(endings).WaitAsync(Options.ShutdownGracePeriod, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Whatever did not end in time is dropped below.
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var call in _calls.Values) call.Shutdown();
        await Task.WhenAll(_dispatchers).WaitAsync(cancellationToken).ConfigureAwait(false);
        await _transport.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _stopping = null;
        UserAgentLog.Stopped(Logger);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Starts an INVITE; await <see cref="OutgoingCall.FinalResponse"/> for the outcome.</summary>
    public OutgoingCall Call(OutgoingCallOptions call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var via = Transport.GetLocalEndPoint(call.Destination.Protocol, call.Destination.Address.Address);
        var from = (call.From ?? new NameAddress(SipUri.Create(UriScheme.Sip, Options.ContactUser, Dialog.FormatHost(via.Address)))).WithTag(SipIds.NewTag());
        var builder = SipMessageBuilder.Request("INVITE", call.Target)
            .Add(HeaderKind.Via, $"SIP/2.0/{via.ViaTransport} {Dialog.FormatHost(via.Address)};branch={SipIds.NewBranch()};rport")
            .Add(HeaderKind.MaxForwards, "70")
            .Add(HeaderKind.From, from.ToString())
            .Add(HeaderKind.To, new NameAddress(call.Target).ToString())
            .Add(HeaderKind.CallId, SipIds.NewCallId())
            .Add(HeaderKind.CSeq, "1 INVITE")
            .Add(HeaderKind.Contact, ContactFor(via).ToString())
            .Add(HeaderKind.Allow, AllowedMethods)
            .Add(HeaderKind.UserAgent, Options.UserAgent);
        foreach (var (name, value) in call.Headers) builder.Add(name, value);
        if (!call.Sdp.IsEmpty) builder.Body("application/sdp", call.Sdp);
        var outgoing = new OutgoingCall(this, builder.Build(), call.Destination);
        outgoing.Start();
        return outgoing;
    }

    /// <summary>Sends a request outside any dialog (OPTIONS, REGISTER, MESSAGE…) and returns its final response.</summary>
    public Task<SipMessage> SendRequestAsync(SipMessage request, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        var awaiter = new RequestAwaiter();
        Transactions.SendRequest(request, destination, awaiter);
        return awaiter.Final.WaitAsync(cancellationToken);
    }

    /// <summary>Our Contact URI for messages sent from <paramref name="local"/>.</summary>
    public SipUri ContactFor(SipEndPoint local)
    {
        var parameters = new SipParameters();
        if (local.Protocol != TransportProtocol.Udp) parameters = parameters.With("transport", local.ViaTransport.ToLowerInvariant());
        return SipUri.Create(UriScheme.Sip, Options.ContactUser, Dialog.FormatAddress(local.Address.Address), local.Address.Port, parameters);
    }

    internal void Remember(SipCall call)
    {
        if (call.Dialog is not null) _calls[call.Dialog.Id] = call;
    }

    internal void Forget(SipCall call)
    {
        if (call.Dialog is not null) Forget(call.Dialog.Id, call);
    }

    internal void Forget(DialogId id, SipCall call) => _calls.TryRemove(new KeyValuePair<DialogId, SipCall>(id, call));
}
