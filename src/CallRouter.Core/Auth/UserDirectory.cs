using System.Collections.Concurrent;

namespace CallRouter.Core.Auth;

/// <summary>
/// Every account that can log in. Seeded from configuration at start-up and kept in step
/// with agents administered at run time. Lookups are case-insensitive on the user name.
/// </summary>
public sealed class UserDirectory
{
    private readonly ConcurrentDictionary<string, UserAccount> _users = new(StringComparer.OrdinalIgnoreCase);

    public void Upsert(UserAccount account) => _users[account.UserName] = account;

    public bool Remove(string userName) => _users.TryRemove(userName, out _);

    public UserAccount? Find(string userName) => _users.TryGetValue(userName, out UserAccount? account) ? account : null;

    /// <summary>The account when the password is right; null otherwise, without saying which part was wrong.</summary>
    public UserAccount? Authenticate(string userName, string password)
    {
        UserAccount? account = Find(userName);
        if (account is null)
        {
            // Spend the same effort as a real check so timing does not reveal which names exist.
            PasswordHasher.Verify(password, DummyHash.Value);
            return null;
        }

        return PasswordHasher.Verify(password, account.PasswordHash) ? account : null;
    }

    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash("not-a-real-password"));
}
