namespace CallRouter.Sip.Message;

/// <summary>How the message boundary is known (RFC 3261 §18.3).</summary>
public enum SipFraming : byte
{
    /// <summary>One datagram is one message; Content-Length may be absent and then the body runs to the end.</summary>
    Datagram,

    /// <summary>Messages follow each other on a byte stream; Content-Length is mandatory.</summary>
    Stream,
}
