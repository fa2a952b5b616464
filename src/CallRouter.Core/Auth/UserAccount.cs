namespace CallRouter.Core.Auth;

/// <summary>A login: who, how the password is checked, and what the user may do.</summary>
public sealed record UserAccount(string UserName, string DisplayName, string PasswordHash, IReadOnlySet<string> Roles);
