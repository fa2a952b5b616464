namespace CallRouter.Gateway.Manufacturer;

/// <summary>How the engineer's part of an escalation call ended.</summary>
public enum AcknowledgementOutcome
{
    /// <summary>The acknowledgment key was pressed: Mfr TS has the case.</summary>
    Acknowledged,

    /// <summary>Every announcement went by without the acknowledgment key.</summary>
    NotAcknowledged,

    /// <summary>The engineer hung up (or the call dropped) before acknowledging.</summary>
    HungUp,
}
