using System.Net.Sockets;
using CallRouter.Media;
using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallRouter.Gateway;

/// <summary>
/// Runs the SIP gateway inside a host: starts the SIP stack with the call handler, and on shutdown drains
/// (new INVITEs get 503 with Retry-After while calls in progress get up to the drain time-out) before
/// stopping the stack, which ends whatever is left with BYE. The drain runs in the host's stopping phase,
/// ahead of every StopAsync, so that in the all-in-one server the routing core still serves gRPC throughout.
/// </summary>
public sealed class GatewayHostedService : IHostedLifecycleService
{
    private readonly SipStack _sip;
    private readonly CallFlowServices _services;
    private readonly PeerAllowList _peers;
    private readonly DigestAuthenticator? _peerAuthenticator;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>How long flows ended by the stack's shutdown get to report their end to the core.</summary>
    private static readonly TimeSpan FlowReportGrace = TimeSpan.FromSeconds(3);
    private readonly Lock _stopGate = new();
    private Task? _stopped;
    private int _activeCalls;
    private volatile bool _draining;
    private bool _started;

    public GatewayHostedService(SipStack sip, MediaEngine media, IRoutingClient routing, IOptions<GatewayOptions> options,
        TimeProvider time, ILogger<GatewayHostedService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var gateway = options.Value;
        _sip = sip;
        _logger = logger;
        _peers = new PeerAllowList(gateway.AllowedPeers);
        var peerAuthentication = gateway.PeerAuthentication;
        _peerAuthenticator = peerAuthentication.IsEnabled
            ? new DigestAuthenticator(new RegistrarOptions
            {
                Realm = peerAuthentication.Realm,
                Credentials = new Dictionary<string, string>(peerAuthentication.Credentials, StringComparer.Ordinal),
                Algorithms = peerAuthentication.Algorithms,
                NonceLifetime = peerAuthentication.NonceLifetime,
            }, time)
            : null;
        _services = new CallFlowServices(gateway, routing, sip, media, time, new CallerContextReader(gateway),
            new RecordingSelector(gateway.Recording.Share), logger);
    }

    public int ActiveCalls => Volatile.Read(ref _activeCalls);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _sip.OnInvite(HandleInviteAsync);
        try
        {
            await _sip.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            // The routing core in the same host stays useful without SIP (consoles, supervisors, the CLI's test
            // calls), so a taken SIP port is reported loudly rather than taking the whole server down.
            GatewayLog.BindFailed(_logger, string.Join(", ", _sip.Options.ListenAddresses), e);
            return;
        }

        _started = true;
        GatewayLog.Started(_logger, string.Join(", ", _sip.LocalEndPoints), _services.Options.CoreAddress);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The drain, in the host's first stopping phase: it runs before any hosted service's StopAsync, so before
    /// Kestrel stops serving the routing core's gRPC, and the reports of calls ending meanwhile still arrive.
    /// </summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => DrainAndStopAsync(cancellationToken);

    /// <summary>Only does something for a host that skipped <see cref="StoppingAsync"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => DrainAndStopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task DrainAndStopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stopped ??= RunDrainAsync(cancellationToken);
        }
    }

    private async Task RunDrainAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        if (!_started) return;
        GatewayLog.Draining(_logger, ActiveCalls);
        if (ActiveCalls > 0) await WaitForIdleAsync(_services.Options.DrainTimeout, cancellationToken).ConfigureAwait(false);

        // Whatever is still up gets BYE; its flow then reports the end, which the core is still there to take.
        await _sip.StopAsync(CancellationToken.None).ConfigureAwait(false);
        if (ActiveCalls > 0) await WaitForIdleAsync(FlowReportGrace, cancellationToken).ConfigureAwait(false);
        GatewayLog.Stopped(_logger);
    }

    private async Task WaitForIdleAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await _idle.Task.WaitAsync(limit, _services.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Calls still up after the drain time-out are ended by the stack's shutdown.
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown time-out ran out first: stop now.
        }
    }

    private async Task HandleInviteAsync(IncomingCall call, CancellationToken stopping)
    {
        if (_draining)
        {
            call.Reject(503, "Service Unavailable - Shutting Down", _services.Options.DrainRetryAfterSeconds);
            return;
        }

        if (!_peers.IsAllowed(call.Remote.Address.Address))
        {
            GatewayLog.NotAPeer(_logger, call.CallId, call.Remote.Address.Address.ToString());
            call.Reject(403, "Forbidden - Not A Switch Peer");
            return;
        }

        // With peer credentials configured, an allowed address must also prove it is the switch: the first INVITE
        // is challenged (401) and the switch's retry with credentials arrives as a new call.
        if (_peerAuthenticator is not null && !call.Authenticate(_peerAuthenticator, out _)) return;

        Interlocked.Increment(ref _activeCalls);
        try
        {
            // Leave the SIP dispatcher thread before any slow work (gRPC, media).
            await Task.Yield();
            await new CallFlow(_services, call).RunAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            GatewayLog.FlowFailed(_logger, call.CallId, e);
            if (call.IsAnswered && !call.Ended.IsCompleted) await call.HangupAsync(CancellationToken.None).ConfigureAwait(false);
            else if (!call.IsAnswered) call.Reject(500, "Server Internal Error");
        }
        finally
        {
            if (Interlocked.Decrement(ref _activeCalls) == 0 && _draining) _idle.TrySetResult();
        }
    }
}
