using System.Text;
using CallRouter.Sip.Message;

namespace CallRouter.Sip.Tests.Message;

public class SipParserTests
{
    private static SipMessage ParseOk(string text, SipFraming framing = SipFraming.Datagram)
    {
        var result = SipParser.Parse(SipSamples.Bytes(text), framing, out var message);
        Assert.Equal(SipParseError.None, result.Error);
        Assert.Equal(ParseStatus.Complete, result.Status);
        return message!;
    }

    [Fact]
    public void Parse_InviteWithSdp_ExposesStartLineHeadersAndBody()
    {
        var message = ParseOk(SipSamples.Invite);

        Assert.True(message.IsRequest);
        Assert.Equal(SipMethod.Invite, message.Method);
        Assert.Equal("sip:bob@example.com", message.RequestUriText);
        Assert.Equal("a84b4c76e66710@192.0.2.10", message.CallId);
        Assert.Equal(314159u, message.CSeqNumber);
        Assert.Equal(SipMethod.Invite, message.CSeqMethod);
        Assert.Equal("z9hG4bK776asdhds", message.TopVia.Branch);
        Assert.True(message.TopVia.HasRport);
        Assert.Equal("1928301774", message.From.Tag);
        Assert.Equal("Bob", message.To.DisplayName);
        Assert.Equal("application/sdp", message.ContentType);
        Assert.Equal(SipSamples.Sdp, Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void Parse_Response_ExposesStatusAndCSeqMethod()
    {
        var message = ParseOk(SipSamples.Ok);

        Assert.True(message.IsResponse);
        Assert.Equal(200, message.StatusCode);
        Assert.Equal("OK", message.ReasonPhrase);
        Assert.Equal(SipMethod.Invite, message.Method);
        Assert.Equal("a6c85cf", message.To.Tag);
        Assert.Equal(0, message.BodyLength);
    }

    [Fact]
    public void Parse_CompactHeaderNames_MapToLongForms()
    {
        var text = SipSamples.Lines(
            "OPTIONS sip:bob@example.com SIP/2.0",
            "v: SIP/2.0/TCP host.example.com;branch=z9hG4bKx",
            "t: <sip:bob@example.com>",
            "f: <sip:alice@example.com>;tag=9",
            "i: call-1",
            "CSeq: 7 OPTIONS",
            "m: <sip:alice@host.example.com>",
            "k: timer",
            "l: 0",
            "",
            "");

        var message = ParseOk(text, SipFraming.Stream);

        Assert.Equal("call-1", message.CallId);
        Assert.Equal("TCP", message.TopVia.Transport);
        Assert.Equal("timer", message.GetHeader(HeaderKind.Supported));
        Assert.Equal("<sip:alice@host.example.com>", message.GetHeader("Contact"));
        Assert.Equal("Content-Length", message.GetCanonicalHeaderName(message.HeaderCount - 1));
    }

    [Fact]
    public void Parse_HeaderNamesInAnyCase_AreRecognised()
    {
        var message = ParseOk(SipSamples.Request("OPTIONS", "cAlL-iNfO: <http://x>").Replace("Call-ID:", "CALL-id:", StringComparison.Ordinal));

        Assert.Equal("c1@192.0.2.10", message.CallId);
        Assert.Equal("<http://x>", message.GetHeader(HeaderKind.CallInfo));
    }

    [Fact]
    public void Parse_FoldedHeader_IsUnfoldedToOneSpace()
    {
        var text = SipSamples.Request("OPTIONS", "Subject: I know you're there,", "   pick up the phone", "\tand talk to me!");

        var message = ParseOk(text);

        Assert.Equal("I know you're there, pick up the phone and talk to me!", message.GetHeader(HeaderKind.Subject));
    }

    [Fact]
    public void Parse_UnknownHeaders_AreKeptWithNameAndValue()
    {
        var message = ParseOk(SipSamples.Request("INVITE", "X-NS-Model: NS-5", "NewFangledHeader:   newfangled value  "));

        Assert.Equal("NS-5", message.GetHeader("x-ns-model"));
        Assert.Equal("newfangled value", message.GetHeader("NewFangledHeader"));
        Assert.Contains(Enumerable.Range(0, message.HeaderCount), i => message.GetHeaderName(i) == "X-NS-Model");
    }

    [Fact]
    public void Parse_CommaSeparatedAndRepeatedHeaders_YieldEveryValueInOrder()
    {
        var message = ParseOk(SipSamples.Lines(
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2",
            "Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3",
            "To: <sip:bob@example.com>;tag=2",
            "From: <sip:alice@example.com>;tag=1",
            "Call-ID: x",
            "CSeq: 1 INVITE",
            "Record-Route: <sip:p1.example.com;lr>, \"Proxy, Two\" <sip:p2.example.com;lr>",
            "Content-Length: 0",
            "",
            ""));

        Assert.Equal(["a.example.com", "b.example.com", "c.example.com"], message.GetVias().Select(v => v.Host));
        Assert.Equal("z9hG4bK1", message.TopVia.Branch);
        var routes = message.GetHeaderValues(HeaderKind.RecordRoute).Select(NameAddress.Parse).ToList();
        Assert.Equal("Proxy, Two", routes[1].DisplayName);
        Assert.True(routes[1].Uri.IsLooseRouter);
    }

    [Fact]
    public void Parse_UnknownMethod_IsAcceptedWithItsName()
    {
        var message = ParseOk(SipSamples.Request("NEWMETHOD"));

        Assert.Equal(SipMethod.Unknown, message.Method);
        Assert.Equal("NEWMETHOD", message.MethodName);
    }

    [Fact]
    public void Parse_LeadingCrlfOnStream_IsSkippedAndCounted()
    {
        var bytes = SipSamples.Bytes("\r\n\r\n" + SipSamples.Ok);

        var result = SipParser.Parse(bytes, SipFraming.Stream, out var message);

        Assert.Equal(ParseStatus.Complete, result.Status);
        Assert.Equal(bytes.Length, result.Consumed);
        Assert.Equal(200, message!.StatusCode);
    }

    [Fact]
    public void Parse_OnlyCrlfKeepAlive_ReportsKeepAlive()
    {
        var result = SipParser.Parse(SipSamples.Bytes("\r\n\r\n"), SipFraming.Stream, out _);

        Assert.Equal(ParseStatus.KeepAlive, result.Status);
        Assert.Equal(4, result.Consumed);
    }

    [Fact]
    public void Parse_DatagramWithoutContentLength_TakesRestAsBody()
    {
        var text = SipSamples.Request("MESSAGE").Replace("Content-Length: 0\r\n", "", StringComparison.Ordinal) + "hello";

        var message = ParseOk(text);

        Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void Parse_DatagramLongerThanContentLength_DropsTrailingBytes()
    {
        var message = ParseOk(SipSamples.Request("OPTIONS") + "garbage");

        Assert.Equal(0, message.BodyLength);
    }

    [Fact]
    public void Parse_StreamWithTwoMessages_ConsumesOnlyTheFirst()
    {
        var first = SipSamples.Bytes(SipSamples.Invite);
        var both = first.Concat(SipSamples.Bytes(SipSamples.Ok)).ToArray();

        var result = SipParser.Parse(both, SipFraming.Stream, out var message);

        Assert.Equal(first.Length, result.Consumed);
        Assert.Equal(SipMethod.Invite, message!.Method);
    }

    [Fact]
    public void Parse_StreamWithPartialBody_ReportsExpectedLength()
    {
        var bytes = SipSamples.Bytes(SipSamples.Invite);

        var result = SipParser.Parse(bytes.AsMemory(0, bytes.Length - 10), SipFraming.Stream, out var message);

        Assert.Equal(ParseStatus.NeedMore, result.Status);
        Assert.Equal(bytes.Length, result.ExpectedLength);
        Assert.Null(message);
    }

    [Fact]
    public void Parse_EveryPrefixOnStream_NeedsMoreUntilComplete()
    {
        var bytes = SipSamples.Bytes(SipSamples.Invite);

        for (int length = 0; length < bytes.Length; length++)
        {
            var result = SipParser.Parse(bytes.AsMemory(0, length), SipFraming.Stream, out var message);
            Assert.True(result.Status == ParseStatus.NeedMore, $"prefix of {length} bytes gave {result.Status} {result.Error}");
            Assert.Null(message);
        }

        Assert.Equal(ParseStatus.Complete, SipParser.Parse(bytes, SipFraming.Stream, out _).Status);
    }

    [Fact]
    public void Parse_EveryPrefixAsDatagram_IsRejectedOrShorterButNeverThrows()
    {
        var bytes = SipSamples.Bytes(SipSamples.Invite);

        for (int length = 1; length < bytes.Length; length++)
        {
            var result = SipParser.Parse(bytes.AsMemory(0, length), SipFraming.Datagram, out _);
            Assert.Equal(ParseStatus.Invalid, result.Status);
        }
    }

    [Fact]
    public void Parse_MessageSplitAcrossTwoBuffers_ReassemblesAtEverySplitPoint()
    {
        var bytes = SipSamples.Bytes(SipSamples.Invite + SipSamples.Ok);

        for (int split = 1; split < bytes.Length; split++)
        {
            var messages = new List<SipMessage>();
            var pending = new List<byte>();
            foreach (var chunk in new[] { bytes[..split], bytes[split..] })
            {
                pending.AddRange(chunk);
                while (true)
                {
                    var buffer = pending.ToArray();
                    var result = SipParser.Parse(buffer, SipFraming.Stream, out var message);
                    if (result.Status != ParseStatus.Complete) break;
                    messages.Add(message!);
                    pending.RemoveRange(0, result.Consumed);
                }
            }

            Assert.Equal([SipMethod.Invite, SipMethod.Invite], messages.Select(m => m.Method));
            Assert.Equal([0, 200], messages.Select(m => m.StatusCode));
            Assert.Empty(pending);
        }
    }

    [Fact]
    public void CallIdHash_SameCallIdInDifferentMessages_IsEqual()
    {
        var invite = ParseOk(SipSamples.Invite);
        var ok = ParseOk(SipSamples.Ok);
        var other = ParseOk(SipSamples.Request("OPTIONS"));

        Assert.Equal(invite.CallIdHash, ok.CallIdHash);
        Assert.NotEqual(invite.CallIdHash, other.CallIdHash);
    }
}
