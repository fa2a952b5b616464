namespace CallRouter.Sip.Message;

/// <summary>The edge mapping from a <see cref="SipParseError"/> to the status line a request is refused with.</summary>
public static class SipRejections
{
    public static int StatusCode(SipParseError error) => error switch
    {
        SipParseError.UnsupportedVersion => 505,
        SipParseError.MessageTooLarge => 513,
        SipParseError.BodyTooLarge => 413,
        SipParseError.BadExtension => 420,
        _ => 400,
    };

    public static string ReasonPhrase(SipParseError error) => error switch
    {
        SipParseError.None => "OK",
        SipParseError.InvalidLineTerminator => "Bad Request - Lines Must End With CRLF",
        SipParseError.InvalidStartLine => "Bad Request - Malformed Start Line",
        SipParseError.InvalidMethod => "Bad Request - Malformed Method",
        SipParseError.InvalidRequestUri => "Bad Request - Malformed Request-URI",
        SipParseError.InvalidVersion => "Bad Request - Malformed SIP Version",
        SipParseError.UnsupportedVersion => "Version Not Supported",
        SipParseError.InvalidStatusCode => "Bad Request - Malformed Status Code",
        SipParseError.InvalidReasonPhrase => "Bad Request - Malformed Reason Phrase",
        SipParseError.InvalidHeaderName => "Bad Request - Malformed Header Name",
        SipParseError.MissingHeaderColon => "Bad Request - Header Without Colon",
        SipParseError.InvalidHeaderValue => "Bad Request - Control Character In Header Value",
        SipParseError.InvalidFolding => "Bad Request - Continuation Line Without Header",
        SipParseError.MissingHeaderTerminator => "Bad Request - Header Section Not Terminated",
        SipParseError.TooManyHeaders => "Bad Request - Too Many Header Fields",
        SipParseError.MissingVia => "Bad Request - Missing Via",
        SipParseError.MissingFrom => "Bad Request - Missing From",
        SipParseError.MissingTo => "Bad Request - Missing To",
        SipParseError.MissingCallId => "Bad Request - Missing Call-ID",
        SipParseError.MissingCSeq => "Bad Request - Missing CSeq",
        SipParseError.InvalidCSeq => "Bad Request - Malformed CSeq",
        SipParseError.CSeqMethodMismatch => "Bad Request - CSeq Method Does Not Match Request Method",
        SipParseError.InvalidVia => "Bad Request - Malformed Via",
        SipParseError.InvalidFromOrTo => "Bad Request - Malformed From Or To",
        SipParseError.InvalidMaxForwards => "Bad Request - Malformed Max-Forwards",
        SipParseError.InvalidContentLength => "Bad Request - Malformed Content-Length",
        SipParseError.ConflictingContentLength => "Bad Request - Conflicting Content-Length",
        SipParseError.MissingContentLength => "Bad Request - Content-Length Required On Stream Transport",
        SipParseError.BodyShorterThanContentLength => "Bad Request - Body Shorter Than Content-Length",
        SipParseError.MessageTooLarge => "Message Too Large",
        SipParseError.BodyTooLarge => "Request Entity Too Large",
        SipParseError.BadExtension => "Bad Extension",
        _ => "Bad Request",
    };
}
