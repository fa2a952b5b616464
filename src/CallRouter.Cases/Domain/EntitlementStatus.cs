namespace CallRouter.Cases.Domain;

/// <summary>What the entitlement lookup said at intake (SOW-A 4.0 IBM 2).</summary>
public enum EntitlementStatus
{
    Entitled,
    Expired,
    Unknown,
}
