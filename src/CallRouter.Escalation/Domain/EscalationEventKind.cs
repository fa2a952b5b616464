namespace CallRouter.Escalation.Domain;

/// <summary>
/// Everything recorded on an escalation; the case service shows these on the case and report
/// 7.7 counts them (responses in time and late, silences, hand-backs). Stored by name.
/// </summary>
public enum EscalationEventKind
{
    Started,
    ContactRequested,
    ContactDelivered,
    ContactFailed,
    Responded,
    RespondedLate,
    NoResponse,
    Unreachable,
    ResponderDropped,
    DeskNotified,
    ClosureDeferred,
    NextContact,
    SupervisorAlerted,
    StatusQueried,
    HandedBack,
    Cancelled,

    /// <summary>An in-hours call to Mfr TS was handed to the gateway; its outcome is recorded when the gateway reports it.</summary>
    CallPlaced,
}
