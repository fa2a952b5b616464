namespace CallRouter.Sip.Message;

/// <summary>
/// The closed list of reasons a message is refused. Each value maps to one status code and one
/// precise reason phrase in <see cref="SipRejections"/>; nothing else may reject a message.
/// </summary>
public enum SipParseError : byte
{
    None = 0,
    InvalidLineTerminator,
    InvalidStartLine,
    InvalidMethod,
    InvalidRequestUri,
    InvalidVersion,
    UnsupportedVersion,
    InvalidStatusCode,
    InvalidReasonPhrase,
    InvalidHeaderName,
    MissingHeaderColon,
    InvalidHeaderValue,
    InvalidFolding,
    MissingHeaderTerminator,
    TooManyHeaders,
    MissingVia,
    MissingFrom,
    MissingTo,
    MissingCallId,
    MissingCSeq,
    InvalidCSeq,
    CSeqMethodMismatch,
    InvalidVia,
    InvalidFromOrTo,
    InvalidMaxForwards,
    InvalidContentLength,
    ConflictingContentLength,
    MissingContentLength,
    BodyShorterThanContentLength,
    MessageTooLarge,
    BodyTooLarge,
    BadExtension,
}
