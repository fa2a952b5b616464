namespace CallRouter.Escalation.Domain;

/// <summary>Where an escalation stands. Stored by name.</summary>
public enum EscalationState
{
    /// <summary>The current contact has been asked (or is being asked) and its answer is awaited.</summary>
    AwaitingResponse,

    /// <summary>Every contact of the chain stayed silent; the supervisor has been alerted. A late answer is still taken.</summary>
    ChainExhausted,

    /// <summary>Mfr TS answered; the case is being worked with Level 3.</summary>
    Responded,

    /// <summary>Mfr TS handed the case back to the desk; the escalation is over.</summary>
    HandedBack,

    /// <summary>The desk withdrew the escalation (e.g. the end user fixed it meanwhile).</summary>
    Cancelled,
}
