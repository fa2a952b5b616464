using CallRouter.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace CallRouter.Testing;

internal static class Logins
{
    /// <summary>Logs in and returns an invoker that sends the bearer token with every call.</summary>
    public static async Task<CallInvoker> LoginAsync(this GrpcChannel channel, string user, string password)
    {
        var auth = new AuthService.AuthServiceClient(channel);
        LoginResponse reply = await auth.LoginAsync(new LoginRequest { UserName = user, Password = password }, deadline: DateTime.UtcNow.AddSeconds(15));
        return channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + reply.AccessToken);
            return metadata;
        });
    }
}
