namespace CallRouter.Gateway;

public enum TalkOutcome
{
    /// <summary>One side hung up; both legs are down and the end reported.</summary>
    Ended,

    /// <summary>The agent's phone did not answer or refused; the core requeues the call.</summary>
    AgentFailed,

    /// <summary>The agent sent the caller to another queue (L2) keeping the case; back to hold.</summary>
    Requeued,

    /// <summary>The agent sent the caller to the manufacturer's Level 3 line.</summary>
    TransferToManufacturer,
}
