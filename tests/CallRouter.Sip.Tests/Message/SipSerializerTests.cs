using System.Text;
using CallRouter.Sip.Message;

namespace CallRouter.Sip.Tests.Message;

public class SipSerializerTests
{
    private static SipMessage Parse(string text)
    {
        Assert.Equal(ParseStatus.Complete, SipParser.Parse(SipSamples.Bytes(text), SipFraming.Datagram, out var message).Status);
        return message!;
    }

    [Fact]
    public void ToBytes_CompactFoldedLowercaseMessage_WritesCanonicalForm()
    {
        var message = Parse(SipSamples.Lines(
            "OPTIONS sip:bob@example.com sip/2.0",
            "v:SIP/2.0/UDP h;branch=z9hG4bK1",
            "t :  <sip:bob@example.com>",
            "f: <sip:alice@example.com>;tag=1",
            "i: c",
            "cseq: 1 OPTIONS",
            "Subject: one",
            "  two",
            "x-custom: v",
            "l: 3",
            "",
            "abc"));

        string text = Encoding.UTF8.GetString(SipSerializer.ToBytes(message));

        Assert.Equal(SipSamples.Lines(
            "OPTIONS sip:bob@example.com SIP/2.0",
            "Via: SIP/2.0/UDP h;branch=z9hG4bK1",
            "To: <sip:bob@example.com>",
            "From: <sip:alice@example.com>;tag=1",
            "Call-ID: c",
            "CSeq: 1 OPTIONS",
            "Subject: one two",
            "x-custom: v",
            "Content-Length: 3",
            "",
            "abc"), text);
    }

    [Fact]
    public void ToBytes_DatagramWithoutContentLength_AddsIt()
    {
        var message = Parse(SipSamples.Request("MESSAGE").Replace("Content-Length: 0\r\n", "", StringComparison.Ordinal) + "hi");

        string text = Encoding.UTF8.GetString(SipSerializer.ToBytes(message));

        Assert.EndsWith("Content-Length: 2\r\n\r\nhi", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBytes_InviteAlreadyCanonical_IsByteIdentical()
    {
        var bytes = SipSamples.Bytes(SipSamples.Invite);
        SipParser.Parse(bytes, SipFraming.Datagram, out var message);

        Assert.Equal(bytes, SipSerializer.ToBytes(message!));
    }

    [Fact]
    public void SipResponses_Create_CopiesDialogHeadersAndAddsToTag()
    {
        var request = Parse(SipSamples.Invite);

        var response = SipResponses.Create(request, 180, toTag: "t1").Build();

        Assert.Equal(180, response.StatusCode);
        Assert.Equal("Ringing", response.ReasonPhrase);
        Assert.Equal(request.TopVia.ToString(), response.TopVia.ToString());
        Assert.Equal("t1", response.To.Tag);
        Assert.Equal(request.From.Tag, response.From.Tag);
        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeqNumber, response.CSeqNumber);
    }

    [Fact]
    public void SipResponses_Create100Trying_AddsNoToTag()
    {
        var response = SipResponses.Create(Parse(SipSamples.Invite), 100, toTag: "t1").Build();

        Assert.Null(response.To.Tag);
    }

    [Fact]
    public void SipMessageBuilder_Body_SetsContentTypeAndLength()
    {
        var message = SipMessageBuilder.Request("MESSAGE", "sip:bob@example.com")
            .Add(HeaderKind.Via, "SIP/2.0/UDP h;branch=z9hG4bK1")
            .Add(HeaderKind.From, "<sip:a@b>;tag=1")
            .Add(HeaderKind.To, "<sip:bob@example.com>")
            .Add(HeaderKind.CallId, "x")
            .Add(HeaderKind.CSeq, "1 MESSAGE")
            .Add(HeaderKind.ContentLength, "999")
            .Body("text/plain", Encoding.UTF8.GetBytes("hello"))
            .Build();

        Assert.Equal("text/plain", message.ContentType);
        Assert.Equal("5", message.GetHeader(HeaderKind.ContentLength));
        Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
    }
}
