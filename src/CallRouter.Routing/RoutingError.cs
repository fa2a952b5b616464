namespace CallRouter.Routing;

/// <summary>
/// Closed list of reasons an engine operation is refused. A refused operation changes nothing.
/// <see cref="RoutingResult.Category"/> says how a service should report each one.
/// </summary>
public enum RoutingError
{
    /// <summary>Success.</summary>
    None = 0,

    /// <summary>The call id is null, empty or white space.</summary>
    MissingCallId,

    /// <summary>The machine model is <see cref="MachineModel.Unspecified"/>.</summary>
    MissingModel,

    /// <summary>The machine model is not a value of <see cref="MachineModel"/>.</summary>
    UnknownModel,

    /// <summary>The model is known but not on the eligible machine list: the call goes back to the manufacturer.</summary>
    IneligibleModel,

    /// <summary>Severity is outside 1–4.</summary>
    SeverityOutOfRange,

    /// <summary>The level is unspecified or not L1/L2.</summary>
    InvalidLevel,

    /// <summary>A call with this id is already known to the engine.</summary>
    DuplicateCallId,

    /// <summary>No call with this id is known to the engine.</summary>
    UnknownCall,

    /// <summary>The agent id is null, empty or white space.</summary>
    MissingAgentId,

    /// <summary>No agent with this id exists.</summary>
    UnknownAgent,

    /// <summary>An agent with this id already exists.</summary>
    DuplicateAgent,

    /// <summary>Skills are missing or name an unknown level or model.</summary>
    InvalidSkills,

    /// <summary>An overflow policy or the eligible list is malformed.</summary>
    InvalidPolicy,

    /// <summary>A not-ready reason is missing.</summary>
    MissingReason,

    /// <summary>The agent's current state does not allow the operation (e.g. going available while on a call).</summary>
    InvalidAgentState,

    /// <summary>The call is not currently offered to this agent (the offer expired, was withdrawn, or never existed).</summary>
    NoSuchOffer,

    /// <summary>The call is not in a state that allows the operation (e.g. ending a call that is still queued).</summary>
    InvalidCallState,
}
