using CallRouter.Contracts.V1;
using CallRouter.Core.Auth;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;

namespace CallRouter.Core.Services;

/// <summary>The one anonymous call: user name and password in, bearer token out.</summary>
[AllowAnonymous]
public sealed partial class AuthGrpcService(UserDirectory users, TokenIssuer tokens, ILogger<AuthGrpcService> logger)
    : AuthService.AuthServiceBase
{
    public override Task<LoginResponse> Login(LoginRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "user_name and password are required"));
        }

        UserAccount? account = users.Authenticate(request.UserName, request.Password);
        if (account is null)
        {
            LogLoginFailed(request.UserName);
            throw new RpcException(new Status(StatusCode.Unauthenticated, "wrong user name or password"));
        }

        IssuedToken issued = tokens.Issue(account);
        LogLoggedIn(account.UserName);
        var response = new LoginResponse
        {
            AccessToken = issued.Value,
            ExpiresAt = Timestamp.FromDateTimeOffset(issued.ExpiresAt),
        };
        response.Roles.AddRange(account.Roles.Order(StringComparer.Ordinal));
        return Task.FromResult(response);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Login failed for {UserName}")]
    private partial void LogLoginFailed(string userName);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{UserName} logged in")]
    private partial void LogLoggedIn(string userName);
}
