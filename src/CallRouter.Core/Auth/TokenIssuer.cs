using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CallRouter.Core.Auth;

/// <summary>
/// Issues opaque bearer tokens and resolves them back to the account. Tokens are random
/// (256 bits), held only in memory and expire after <see cref="AuthOptions.TokenLifetime"/>;
/// a restart asks everyone to log in again, which is the safe direction to fail.
/// </summary>
public sealed class TokenIssuer(TimeProvider time, AuthOptions options)
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    public IssuedToken Issue(UserAccount account)
    {
        DropExpired();
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var issued = new IssuedToken(token, account, time.GetUtcNow() + options.TokenLifetime);
        _tokens[token] = issued;
        return issued;
    }

    /// <summary>The live token, or null when it is unknown or expired.</summary>
    public IssuedToken? Resolve(string token)
    {
        if (!_tokens.TryGetValue(token, out IssuedToken? issued))
        {
            return null;
        }

        if (issued.ExpiresAt <= time.GetUtcNow())
        {
            _tokens.TryRemove(token, out _);
            return null;
        }

        return issued;
    }

    /// <summary>Ends one session (sign-out).</summary>
    public void Revoke(string token) => _tokens.TryRemove(token, out _);

    /// <summary>Ends every session of a user, e.g. when an administrator removes the account.</summary>
    public void RevokeAll(string userName)
    {
        foreach (var (token, issued) in _tokens)
        {
            if (string.Equals(issued.Account.UserName, userName, StringComparison.OrdinalIgnoreCase))
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }

    private void DropExpired()
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (var (token, issued) in _tokens)
        {
            if (issued.ExpiresAt <= now)
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }
}

public sealed record IssuedToken(string Value, UserAccount Account, DateTimeOffset ExpiresAt);
