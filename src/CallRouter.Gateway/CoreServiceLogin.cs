using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Gateway;

/// <summary>
/// The gateway's service-account login to the core, for its gRPC clients: the bearer token is fetched on
/// first use and again when a caller asks for a refresh (the core answered UNAUTHENTICATED: the token
/// expired or the core restarted). One login runs at a time; the password is never logged.
/// </summary>
internal sealed class CoreServiceLogin : IDisposable
{
    private readonly AuthService.AuthServiceClient _auth;
    private readonly GatewayOptions _options;
    private readonly Action _loggedIn;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    /// <param name="channel">The channel to the core.</param>
    /// <param name="options">The service account and its password.</param>
    /// <param name="loggedIn">Called after each successful login (each client logs it under its own category).</param>
    public CoreServiceLogin(ChannelBase channel, GatewayOptions options, Action loggedIn)
    {
        _auth = new AuthService.AuthServiceClient(channel);
        _options = options;
        _loggedIn = loggedIn;
    }

    /// <summary>Call headers with the bearer token; logs in first when there is none yet or <paramref name="refresh"/> is set.</summary>
    public async Task<Metadata> HeadersAsync(bool refresh, CancellationToken cancellationToken)
    {
        string? token = Volatile.Read(ref _token);
        if (token is null || refresh)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_token is null || refresh)
                {
                    var login = await _auth.LoginAsync(new LoginRequest { UserName = _options.ServiceAccount, Password = _options.ServiceAccountPassword },
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref _token, login.AccessToken);
                    _loggedIn();
                }

                token = _token!;
            }
            finally
            {
                _gate.Release();
            }
        }

        return new Metadata { { "authorization", "Bearer " + token } };
    }

    public void Dispose() => _gate.Dispose();
}
