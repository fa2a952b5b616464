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
/// stopping the stack, which ends whatever is left with BYE.
/// </summary>
public sealed class GatewayHostedService : IHostedService
{
    private readonly SipStack _sip;
    private readonly CallFlowServices _services;
    private readonly PeerAllowList _peers;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        if (!_started) return;
        GatewayLog.Draining(_logger, ActiveCalls);
        if (ActiveCalls > 0)
        {
            try
            {
                await _idle.Task.WaitAsync(_services.Options.DrainTimeout, _services.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Calls still up after the drain time-out are ended by the stack's shutdown below.
            }
            catch (OperationCanceledException)
            {
                // The host's own shutdown time-out is shorter: stop now.
            }
        }

        await _sip.StopAsync(CancellationToken.None).ConfigureAwait(false);
        GatewayLog.Stopped(_logger);
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
