using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace CallRouter.Cli;

/// <summary>A channel to the server and a logged-in call invoker.</summary>
internal sealed class Connection : IDisposable
{
    private readonly GrpcChannel _channel;

    private Connection(GrpcChannel channel, CallInvoker invoker, LoginResponse login)
    {
        _channel = channel;
        Invoker = invoker;
        Login = login;
    }

    public CallInvoker Invoker { get; }
    public LoginResponse Login { get; }

    public static async Task<Connection> OpenAsync(string server, string user, string password, CancellationToken cancel)
    {
        var channel = GrpcChannel.ForAddress(server);
        var auth = new AuthService.AuthServiceClient(channel);
        LoginResponse login = await auth.LoginAsync(new LoginRequest { UserName = user, Password = password }, cancellationToken: cancel);
        CallInvoker invoker = channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + login.AccessToken);
            return metadata;
        });
        return new Connection(channel, invoker, login);
    }

    public void Dispose() => _channel.Dispose();
}
