namespace CallRouter.Media.Sdp;

/// <summary>SDP direction attributes (RFC 8866 §6.7), always from the point of view of the description's author.</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
