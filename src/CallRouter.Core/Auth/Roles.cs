namespace CallRouter.Core.Auth;

/// <summary>The roles a user can hold. Names are what tokens and configuration carry.</summary>
public static class Roles
{
    public const string AgentL1 = "agent-l1";
    public const string AgentL2 = "agent-l2";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    /// <summary>The SIP gateway's service account: registers calls and reports their events.</summary>
    public const string Gateway = "gateway";
    /// <summary>Manufacturer technical support staff (SPEC R9).</summary>
    public const string Manufacturer = "manufacturer";

    /// <summary>Comma lists for <c>[Authorize(Roles = ...)]</c>.</summary>
    public const string Agents = AgentL1 + "," + AgentL2;
    public const string SupervisorsAndAdmins = Supervisor + "," + Admin;

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        AgentL1, AgentL2, Supervisor, Admin, Gateway, Manufacturer,
    };
}
