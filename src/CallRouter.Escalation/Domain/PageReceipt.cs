namespace CallRouter.Escalation.Domain;

/// <summary>
/// What the paging side returns for an accepted page: SNPP level 3 calls these the Message_Tag
/// (a record locator) and the Pass_Code (a PIN authorising status checks).
/// </summary>
public sealed record PageReceipt(string MessageTag, string PassCode);
