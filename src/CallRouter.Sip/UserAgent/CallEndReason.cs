namespace CallRouter.Sip.UserAgent;

public enum CallEndReason : byte
{
    /// <summary>We sent BYE.</summary>
    LocalHangup,

    /// <summary>The peer sent BYE.</summary>
    RemoteHangup,

    /// <summary>The caller cancelled before an answer.</summary>
    Cancelled,

    /// <summary>The call was refused (3xx–6xx) by either side.</summary>
    Rejected,

    /// <summary>No ACK for our 2xx, or no response to our INVITE.</summary>
    Timeout,

    /// <summary>The stack stopped.</summary>
    Shutdown,
}
