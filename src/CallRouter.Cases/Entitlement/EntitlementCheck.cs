using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Entitlement;

/// <summary>The answer at intake: entitled, expired or unknown, with the matching row if any.</summary>
public sealed record EntitlementCheck(EntitlementStatus Status, EntitlementEntry? Entry)
{
    public bool UnderContract => Status == EntitlementStatus.Entitled;
}
