namespace CallRouter.Escalation.Domain;

/// <summary>
/// A case that needs Level 3. The desk's contact name and call-back number go with every
/// contact (SOW-A 6.1 item 2: "IBM will provide the PTAS with the appropriate IBM contact name,
/// area code and phone number").
/// </summary>
public sealed record EscalationRequest(
    string ProblemNumber,
    string DeskContactName,
    string DeskCallbackNumber,
    string Summary,
    string RequestedBy);
