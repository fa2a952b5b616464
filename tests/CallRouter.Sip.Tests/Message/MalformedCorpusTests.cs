using CallRouter.Sip.Message;

namespace CallRouter.Sip.Tests.Message;

/// <summary>
/// Malformed and unusual messages written from the RFC 3261 §25 grammar, each with the rejection
/// (and so the status code and reason phrase) the RFC calls for.
/// </summary>
public class MalformedCorpusTests
{
    private static readonly string s_valid = SipSamples.Request("OPTIONS");

    public static TheoryData<string, string, SipParseError> Corpus => new()
    {
        { "garbage start line", Replace("OPTIONS sip:bob@example.com SIP/2.0", "HELLO"), SipParseError.InvalidStartLine },
        { "two spaces only one token", Replace("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS SIP/2.0"), SipParseError.InvalidStartLine },
        { "method with illegal char", SipSamples.Request("OPT(ONS").Replace("CSeq: 1 OPT(ONS", "CSeq: 1 OPTIONS", StringComparison.Ordinal), SipParseError.InvalidMethod },
        { "request-uri without scheme", Replace("sip:bob@example.com SIP", "bob@example.com SIP"), SipParseError.InvalidRequestUri },
        { "request-uri with space", Replace("sip:bob@example.com SIP", "sip:bob @example.com SIP"), SipParseError.InvalidRequestUri },
        { "version 3.0", Replace("example.com SIP/2.0\r\nVia", "example.com SIP/3.0\r\nVia"), SipParseError.UnsupportedVersion },
        { "version garbage", Replace("example.com SIP/2.0\r\nVia", "example.com SIP/two\r\nVia"), SipParseError.InvalidVersion },
        { "version missing", Replace("example.com SIP/2.0\r\nVia", "example.com HTTP/1.1\r\nVia"), SipParseError.InvalidVersion },
        { "status code two digits", SipSamples.Ok.Replace("200 OK", "20 OK", StringComparison.Ordinal), SipParseError.InvalidStatusCode },
        { "status code 700", SipSamples.Ok.Replace("200 OK", "700 OK", StringComparison.Ordinal), SipParseError.InvalidStatusCode },
        { "status code letters", SipSamples.Ok.Replace("200 OK", "2x0 OK", StringComparison.Ordinal), SipParseError.InvalidStatusCode },
        { "reason phrase with NUL", SipSamples.Ok.Replace("200 OK", "200 O\0K", StringComparison.Ordinal), SipParseError.InvalidReasonPhrase },
        { "bare LF line ends", s_valid.Replace("\r\n", "\n", StringComparison.Ordinal), SipParseError.InvalidLineTerminator },
        { "header without colon", Replace("Max-Forwards: 70", "Max-Forwards 70"), SipParseError.MissingHeaderColon },
        { "header name with space", Replace("Max-Forwards: 70", "Max Forwards: 70"), SipParseError.InvalidHeaderName },
        { "empty header name", Replace("Max-Forwards: 70", ": 70"), SipParseError.InvalidHeaderName },
        { "control char in value", Replace("Max-Forwards: 70", "Subject: a\u0001b\r\nMax-Forwards: 70"), SipParseError.InvalidHeaderValue },
        { "continuation before any header", Replace("\r\nVia:", "\r\n folded\r\nVia:"), SipParseError.InvalidFolding },
        { "missing Via", Remove("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\r\n"), SipParseError.MissingVia },
        { "missing From", Remove("From: <sip:alice@example.com>;tag=1\r\n"), SipParseError.MissingFrom },
        { "missing To", Remove("To: <sip:bob@example.com>\r\n"), SipParseError.MissingTo },
        { "missing Call-ID", Remove("Call-ID: c1@192.0.2.10\r\n"), SipParseError.MissingCallId },
        { "missing CSeq", Remove("CSeq: 1 OPTIONS\r\n"), SipParseError.MissingCSeq },
        { "two From headers", Replace("Call-ID:", "From: <sip:eve@example.com>;tag=2\r\nCall-ID:"), SipParseError.InvalidFromOrTo },
        { "CSeq without method", Replace("CSeq: 1 OPTIONS", "CSeq: 1"), SipParseError.InvalidCSeq },
        { "CSeq negative", Replace("CSeq: 1 OPTIONS", "CSeq: -1 OPTIONS"), SipParseError.InvalidCSeq },
        { "CSeq beyond 2^31", Replace("CSeq: 1 OPTIONS", "CSeq: 2147483648 OPTIONS"), SipParseError.InvalidCSeq },
        { "CSeq method mismatch", Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE"), SipParseError.CSeqMethodMismatch },
        { "Via not SIP", Replace("Via: SIP/2.0/UDP", "Via: XYZ"), SipParseError.InvalidVia },
        { "Max-Forwards not a number", Replace("Max-Forwards: 70", "Max-Forwards: seventy"), SipParseError.InvalidMaxForwards },
        { "Max-Forwards over 255", Replace("Max-Forwards: 70", "Max-Forwards: 256"), SipParseError.InvalidMaxForwards },
        { "negative Content-Length", Replace("Content-Length: 0", "Content-Length: -5"), SipParseError.InvalidContentLength },
        { "Content-Length not a number", Replace("Content-Length: 0", "Content-Length: zero"), SipParseError.InvalidContentLength },
        { "Content-Length over int range", Replace("Content-Length: 0", "Content-Length: 99999999999999999999"), SipParseError.InvalidContentLength },
        { "Content-Length larger than datagram", Replace("Content-Length: 0", "Content-Length: 5000"), SipParseError.BodyShorterThanContentLength },
        { "two different Content-Lengths", Replace("Content-Length: 0", "Content-Length: 0\r\nl: 4"), SipParseError.ConflictingContentLength },
        { "header section not terminated", s_valid[..^2], SipParseError.MissingHeaderTerminator },
        { "too many headers", Replace("Max-Forwards: 70", string.Concat(Enumerable.Repeat("X-A: b\r\n", SipParser.MaxHeaders)) + "Max-Forwards: 70"), SipParseError.TooManyHeaders },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Parse_MalformedMessage_IsRejectedWithPreciseReason(string name, string text, SipParseError expected)
    {
        var result = SipParser.Parse(SipSamples.Bytes(text), SipFraming.Datagram, out var message);

        Assert.True(expected == result.Error, $"{name}: expected {expected}, got {result.Error}");
        Assert.Equal(ParseStatus.Invalid, result.Status);
        Assert.Null(message);
    }

    [Fact]
    public void Parse_StreamWithoutContentLength_IsRejected()
    {
        var text = Remove("Content-Length: 0\r\n");

        var result = SipParser.Parse(SipSamples.Bytes(text), SipFraming.Stream, out _);

        Assert.Equal(SipParseError.MissingContentLength, result.Error);
    }

    [Fact]
    public void Parse_HugeHeaderValue_IsParsedAndLeftToTheCallersSizeLimit()
    {
        string big = new('a', 100_000);
        var text = Replace("Max-Forwards: 70", $"X-Big: {big}\r\nMax-Forwards: 70");

        var result = SipParser.Parse(SipSamples.Bytes(text), SipFraming.Datagram, out var message);

        Assert.Equal(ParseStatus.Complete, result.Status);
        Assert.Equal(big, message!.GetHeader("X-Big"));
    }

    [Fact]
    public void Parse_StreamDeclaringHugeBody_ReportsExpectedLengthSoCallerCanRefuse()
    {
        var text = Replace("Content-Length: 0", "Content-Length: 2000000000");

        var result = SipParser.Parse(SipSamples.Bytes(text), SipFraming.Stream, out _);

        Assert.Equal(ParseStatus.NeedMore, result.Status);
        Assert.True(result.ExpectedLength > 2_000_000_000);
    }

    [Fact]
    public void Parse_EscapedRequestUri_IsAcceptedAndUnescapedOnDemand()
    {
        var text = Replace("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS sip:%61lice%20smith@example.com;transport=%74cp SIP/2.0");

        var result = SipParser.Parse(SipSamples.Bytes(text), SipFraming.Datagram, out var message);

        Assert.Equal(ParseStatus.Complete, result.Status);
        Assert.Equal("alice smith", message!.RequestUri.User);
        Assert.Equal("tcp", message.RequestUri.Transport);
    }

    [Fact]
    public void Parse_WhitespaceBeforeHeaderColon_IsAccepted()
    {
        var text = Replace("Max-Forwards: 70", "Max-Forwards  \t:70");

        var result = SipParser.Parse(SipSamples.Bytes(text), SipFraming.Datagram, out var message);

        Assert.Equal(ParseStatus.Complete, result.Status);
        Assert.Equal("70", message!.GetHeader(HeaderKind.MaxForwards));
    }

    [Fact]
    public void Parse_StatusLineWithEmptyReason_IsAccepted()
    {
        var result = SipParser.Parse(SipSamples.Bytes(SipSamples.Ok.Replace("200 OK", "200 ", StringComparison.Ordinal)), SipFraming.Datagram, out var message);

        Assert.Equal(ParseStatus.Complete, result.Status);
        Assert.Equal(string.Empty, message!.ReasonPhrase);
    }

    [Theory]
    [InlineData(SipParseError.MissingCallId, 400, "Bad Request - Missing Call-ID")]
    [InlineData(SipParseError.UnsupportedVersion, 505, "Version Not Supported")]
    [InlineData(SipParseError.BodyTooLarge, 413, "Request Entity Too Large")]
    [InlineData(SipParseError.MessageTooLarge, 513, "Message Too Large")]
    [InlineData(SipParseError.BadExtension, 420, "Bad Extension")]
    public void SipRejections_Error_MapsToStatusAndPhrase(SipParseError error, int status, string phrase)
    {
        Assert.Equal(status, SipRejections.StatusCode(error));
        Assert.Equal(phrase, SipRejections.ReasonPhrase(error));
    }

    [Fact]
    public void SipRejections_EveryError_HasASpecificPhrase()
    {
        foreach (var error in Enum.GetValues<SipParseError>().Where(e => e != SipParseError.None))
        {
            Assert.NotEqual("Bad Request", SipRejections.ReasonPhrase(error));
        }
    }

    private static string Replace(string oldText, string newText)
    {
        Assert.Contains(oldText, s_valid, StringComparison.Ordinal);
        return s_valid.Replace(oldText, newText, StringComparison.Ordinal);
    }

    private static string Remove(string line) => Replace(line, string.Empty);
}
