using System.Text;

namespace CallRouter.Sip.Tests;

/// <summary>Sample messages for tests, written from RFC 3261 examples; lines joined with CRLF.</summary>
internal static class SipSamples
{
    public const string Sdp =
        "v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

    public static readonly string Invite = Lines(
        "INVITE sip:bob@example.com SIP/2.0",
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport",
        "Max-Forwards: 70",
        "To: \"Bob\" <sip:bob@example.com>",
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774",
        "Call-ID: a84b4c76e66710@192.0.2.10",
        "CSeq: 314159 INVITE",
        "Contact: <sip:alice@192.0.2.10:5060;transport=udp>",
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE",
        "Supported: replaces, timer",
        "User-Agent: ExamplePhone/1.0",
        "Content-Type: application/sdp",
        $"Content-Length: {Sdp.Length}",
        "",
        "") + Sdp;

    public static readonly string Ok = Lines(
        "SIP/2.0 200 OK",
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.10",
        "To: \"Bob\" <sip:bob@example.com>;tag=a6c85cf",
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774",
        "Call-ID: a84b4c76e66710@192.0.2.10",
        "CSeq: 314159 INVITE",
        "Contact: <sip:bob@192.0.2.4>",
        "Content-Length: 0",
        "",
        "");

    /// <summary>Joins lines with CRLF; pass "" as the last line(s) to end the header section.</summary>
    public static string Lines(params string[] lines) => string.Join("\r\n", lines);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A minimal valid request of <paramref name="method"/> with the given extra header lines.</summary>
    public static string Request(string method, params string[] extra) => Lines(
        [
            $"{method} sip:bob@example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1",
            "Max-Forwards: 70",
            "To: <sip:bob@example.com>",
            "From: <sip:alice@example.com>;tag=1",
            "Call-ID: c1@192.0.2.10",
            $"CSeq: 1 {method}",
            .. extra,
            "Content-Length: 0",
            "",
            "",
        ]);
}
