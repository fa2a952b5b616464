using System.Runtime.CompilerServices;
using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace CallRouter.Gateway;

/// <summary>
/// RoutingService over gRPC with the gateway's service account. The bearer token is fetched on first use
/// and again once when the core answers UNAUTHENTICATED (token expired, core restarted).
/// </summary>
public sealed class GrpcRoutingClient : IRoutingClient, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CoreServiceLogin _login;
    private readonly RoutingService.RoutingServiceClient _routing;

    public GrpcRoutingClient(GatewayOptions options, ILogger<GrpcRoutingClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = GrpcChannel.ForAddress(options.CoreAddress);
        _login = new CoreServiceLogin(_channel, options, () => GatewayLog.LoggedIn(logger, options.ServiceAccount, options.CoreAddress));
        _routing = new RoutingService.RoutingServiceClient(_channel);
    }

    public Task<RegisterCallResponse> RegisterCallAsync(CallContext context, CancellationToken cancellationToken) =>
        WithTokenAsync(headers => _routing.RegisterCallAsync(new RegisterCallRequest { Context = context }, headers, cancellationToken: cancellationToken).ResponseAsync, cancellationToken);

    public async Task ReportAsync(CallEventRequest report, CancellationToken cancellationToken) =>
        await WithTokenAsync(headers => _routing.ReportCallEventAsync(report, headers, cancellationToken: cancellationToken).ResponseAsync, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<RoutingEvent> WatchCallAsync(string callId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var headers = await _login.HeadersAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        using var call = _routing.WatchCall(new WatchCallRequest { CallId = callId }, headers, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _login.Dispose();
    }

    private async Task<T> WithTokenAsync<T>(Func<Metadata, Task<T>> send, CancellationToken cancellationToken)
    {
        var headers = await _login.HeadersAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await send(headers).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            headers = await _login.HeadersAsync(refresh: true, cancellationToken).ConfigureAwait(false);
            return await send(headers).ConfigureAwait(false);
        }
    }
}
