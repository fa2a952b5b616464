using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallRouter.Core.Auth;

/// <summary>
/// Turns "authorization: Bearer &lt;token&gt;" into a principal with the account's roles.
/// Authorization policies then answer 401/403, which gRPC reports as
/// UNAUTHENTICATED/PERMISSION_DENIED.
/// </summary>
public sealed class BearerTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenIssuer tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    private const string Prefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        IssuedToken? issued = tokens.Resolve(header[Prefix.Length..].Trim());
        if (issued is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown or expired token"));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, issued.Account.UserName),
        };
        claims.AddRange(issued.Account.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
