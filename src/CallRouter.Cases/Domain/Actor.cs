namespace CallRouter.Cases.Domain;

/// <summary>
/// An authenticated caller. <paramref name="Manufacturer"/> scopes a Mfr TS user to its own end
/// users' cases; desk roles may leave it null and see every manufacturer the desk serves.
/// </summary>
public sealed record Actor(string UserId, Role Role, string? Manufacturer = null)
{
    public static Actor SystemActor { get; } = new("system", Role.System);

    public bool IsDesk => Role is Role.L1Agent or Role.L2Agent or Role.Supervisor or Role.Administrator or Role.System;

    public override string ToString() => $"{UserId} ({Role})";
}
