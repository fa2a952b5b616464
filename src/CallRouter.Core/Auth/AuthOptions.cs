namespace CallRouter.Core.Auth;

/// <summary>Configuration section <c>CallRouter:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "CallRouter:Auth";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Accounts created at start-up. Agents administered later are persisted separately.</summary>
    public List<SeedUser> Users { get; set; } = [];
}

/// <summary>
/// An account from configuration. Give <see cref="PasswordHash"/> (from
/// <c>callrouter-cli hash-password</c>) in production; a plain <see cref="Password"/> is
/// accepted for local defaults and is hashed on load, never logged.
/// </summary>
public sealed class SeedUser
{
    public string UserName { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public string? PasswordHash { get; set; }
    public List<string> Roles { get; set; } = [];
    /// <summary>For agents: the machine models they are skilled for (e.g. "NS-5", "NS100").</summary>
    public List<string> Models { get; set; } = [];
}
