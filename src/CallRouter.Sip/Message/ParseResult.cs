namespace CallRouter.Sip.Message;

/// <summary>What the parser decided, how many bytes it used, and (on NeedMore) how long the message will be when known.</summary>
public readonly record struct ParseResult(ParseStatus Status, SipParseError Error, int Consumed, int ExpectedLength)
{
    public static ParseResult Invalid(SipParseError error) => new(ParseStatus.Invalid, error, 0, 0);
}
