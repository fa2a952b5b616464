namespace CallRouter.Sip.Message;

/// <summary>Outcome of one parser call, in the manner of Kestrel's HttpParser.</summary>
public enum ParseStatus : byte
{
    /// <summary>A whole message was read; <see cref="ParseResult.Consumed"/> bytes belong to it.</summary>
    Complete,

    /// <summary>The buffer ends inside a message; call again with more bytes (stream transports only).</summary>
    NeedMore,

    /// <summary>The buffer held only CRLF keep-alives (RFC 5626 §3.5.1), which were consumed.</summary>
    KeepAlive,

    /// <summary>The bytes are not a SIP message; <see cref="ParseResult.Error"/> says why.</summary>
    Invalid,
}
