namespace CallRouter.Escalation.Ports;

/// <summary>How far a page has got, as the paging side reports it.</summary>
public enum PageState
{
    /// <summary>Accepted and queued; not yet on the engineer's device.</summary>
    Queued,

    /// <summary>Delivered; no answer yet.</summary>
    Delivered,

    /// <summary>The engineer answered.</summary>
    Answered,

    /// <summary>The engineer answered and then dropped the contact.</summary>
    Dropped,

    /// <summary>The PTAS gave up: Mfr TS cannot be reached.</summary>
    Unreachable,
}
