namespace CallRouter.Routing;

/// <summary>Routing state of an agent (SPEC R5).</summary>
public enum AgentState
{
    /// <summary>Not logged in; never receives offers.</summary>
    Offline = 0,

    /// <summary>Logged in and waiting for an offer.</summary>
    Available = 1,

    /// <summary>Logged in but not taking calls; carries a reason.</summary>
    NotReady = 2,

    /// <summary>A call has been offered to the agent and awaits accept or decline.</summary>
    Reserved = 3,

    /// <summary>Talking to a caller.</summary>
    OnCall = 4,

    /// <summary>After-call work; ends by itself after the configured wrap-up time or when the agent says so.</summary>
    WrapUp = 5,
}
