using System.Security.Cryptography;
using CallRouter.Cases.Domain;
using CallRouter.Core.Auth;
using CallRouter.Core.Cases;
using Microsoft.AspNetCore.Http;

namespace CallRouter.Core.Portal;

/// <summary>
/// The portal's sign-in: the same bearer tokens as gRPC, carried in an HttpOnly, SameSite=Strict
/// cookie, plus a double-submit CSRF token that every form must echo. Only manufacturer TS
/// accounts may use the portal; the desk works from its consoles.
/// </summary>
internal sealed record PortalSession(Actor Actor, string DisplayName, string Csrf)
{
    public const string TokenCookie = "callrouter_portal";
    public const string CsrfCookie = "callrouter_csrf";

    public static PortalSession? From(HttpContext context, TokenIssuer tokens, CaseOptions options)
    {
        if (!context.Request.Cookies.TryGetValue(TokenCookie, out string? token) || string.IsNullOrEmpty(token)
            || tokens.Resolve(token) is not { } issued || !issued.Account.Roles.Contains(Roles.Manufacturer)
            || !context.Request.Cookies.TryGetValue(CsrfCookie, out string? csrf) || string.IsNullOrEmpty(csrf))
        {
            return null;
        }

        return new PortalSession(new Actor(issued.Account.UserName, Role.ManufacturerTs, options.Manufacturer), issued.Account.DisplayName, csrf);
    }

    public static void Start(HttpContext context, IssuedToken issued)
    {
        var cookie = new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/portal",
            Expires = issued.ExpiresAt,
        };
        context.Response.Cookies.Append(TokenCookie, issued.Value, cookie);
        context.Response.Cookies.Append(CsrfCookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), cookie);
    }

    public static void End(HttpContext context)
    {
        context.Response.Cookies.Delete(TokenCookie, new CookieOptions { Path = "/portal" });
        context.Response.Cookies.Delete(CsrfCookie, new CookieOptions { Path = "/portal" });
    }

    /// <summary>A form came from our own page: its hidden token matches the cookie (constant-time).</summary>
    public bool Accepts(IFormCollection form) =>
        form.TryGetValue("csrf", out var sent) && sent.Count == 1 && sent[0] is { } value
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(value), System.Text.Encoding.ASCII.GetBytes(Csrf));
}
