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
    private readonly AuthService.AuthServiceClient _auth;
    private readonly RoutingService.RoutingServiceClient _routing;
    private readonly GatewayOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private string? _token;

    public GrpcRoutingClient(GatewayOptions options, ILogger<GrpcRoutingClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _channel = GrpcChannel.ForAddress(options.CoreAddress);
        _auth = new AuthService.AuthServiceClient(_channel);
        _routing = new RoutingService.RoutingServiceClient(_channel);
    }

    public Task<RegisterCallResponse> RegisterCallAsync(CallContext context, CancellationToken cancellationToken) =>
        WithTokenAsync(headers => _routing.RegisterCallAsync(new RegisterCallRequest { Context = context }, headers, cancellationToken: cancellationToken).ResponseAsync, cancellationToken);

    public async Task ReportAsync(CallEventRequest report, CancellationToken cancellationToken) =>
        await WithTokenAsync(headers => _routing.ReportCallEventAsync(report, headers, cancellationToken: cancellationToken).ResponseAsync, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<RoutingEvent> WatchCallAsync(string callId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var headers = await HeadersAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        using var call = _routing.WatchCall(new WatchCallRequest { CallId = callId }, headers, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return call.ResponseStream.Current;
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _loginGate.Dispose();
    }

    private async Task<T> WithTokenAsync<T>(Func<Metadata, Task<T>> send, CancellationToken cancellationToken)
    {
        var headers = await HeadersAsync(refresh: false, cancellationToken).ConfigureAwait(false);
        try
        {
            return await send(headers).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            headers = await HeadersAsync(refresh: true, cancellationToken).ConfigureAwait(false);
            return await send(headers).ConfigureAwait(false);
        }
    }

    private async Task<Metadata> HeadersAsync(bool refresh, CancellationToken cancellationToken)
    {
        string? token = Volatile.Read(ref _token);
        if (token is null || refresh)
        {
            await _loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_token is null || refresh)
                {
                    var login = await _auth.LoginAsync(new LoginRequest { UserName = _options.ServiceAccount, Password = _options.ServiceAccountPassword },
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _token, login.AccessToken);
                    GatewayLog.LoggedIn(_logger, _options.ServiceAccount, _options.CoreAddress);
                }

                token = _token!;
            }
            finally
            {
                _loginGate.Release();
            }
        }

        return new Metadata { { "authorization", "Bearer " + token } };
    }
}
