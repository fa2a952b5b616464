using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Reports;

/// <summary>
/// Report 7.7's escalation outcomes, read from the escalation events recorded on case histories.
/// The escalation subsystem writes each event as an audit line with action "Escalation" + its
/// kind (CallRouter.Core's CaseEscalationGateway, once per event), so these names are that contract.
/// </summary>
public static class EscalationOutcomes
{
    public const string ActionPrefix = "Escalation";
    public const string RespondedInTime = "EscalationResponded";
    public const string RespondedLate = "EscalationRespondedLate";
    public const string NoResponse = "EscalationNoResponse";
    public const string ResponderDropped = "EscalationResponderDropped";
    public const string Unreachable = "EscalationUnreachable";
    public const string HandedBack = "EscalationHandedBack";

    /// <summary>True for the history lines report 7.7 counts.</summary>
    public static bool IsCounted(AuditEntry entry) =>
        entry is not null && entry.Action is RespondedInTime or RespondedLate or NoResponse or ResponderDropped or Unreachable or HandedBack;
}
