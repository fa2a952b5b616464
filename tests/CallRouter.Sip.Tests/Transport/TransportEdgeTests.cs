using System.Net;
using System.Text;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Tests.Transport;

public class TransportEdgeTests
{
    private static SipMessage Parse(string text)
    {
        SipParser.Parse(SipSamples.Bytes(text), SipFraming.Datagram, out var message);
        return message!;
    }

    [Fact]
    public void ViaStamping_SentByDiffersFromSource_AddsReceived()
    {
        var request = Parse(SipSamples.Request("OPTIONS"));

        var stamped = ViaStamping.Stamp(request, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5060));

        Assert.Equal("198.51.100.7", stamped.TopVia.Received);
        Assert.Equal("z9hG4bK1", stamped.TopVia.Branch);
        Assert.Equal(request.CallId, stamped.CallId);
    }

    [Fact]
    public void ViaStamping_RportRequested_FillsPortAndReceived()
    {
        var request = Parse(SipSamples.Invite);

        var stamped = ViaStamping.Stamp(request, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 41000));

        Assert.Equal(41000, stamped.TopVia.Rport);
        Assert.Equal("192.0.2.10", stamped.TopVia.Received);
        Assert.Equal(request.Body.ToArray(), stamped.Body.ToArray());
    }

    [Fact]
    public void ViaStamping_SourceMatchesSentBy_LeavesMessageUntouched()
    {
        var request = Parse(SipSamples.Request("OPTIONS"));

        var stamped = ViaStamping.Stamp(request, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));

        Assert.Same(request, stamped);
    }

    [Fact]
    public void ViaStamping_SeveralViasInOneHeader_StampsOnlyTheFirst()
    {
        var request = Parse(SipSamples.Request("OPTIONS").Replace(
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1;rport, SIP/2.0/UDP proxy.example.com;branch=z9hG4bK0",
            StringComparison.Ordinal));

        var stamped = ViaStamping.Stamp(request, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 6000));

        var vias = stamped.GetVias();
        Assert.Equal(6000, vias[0].Rport);
        Assert.Null(vias[1].Received);
        Assert.Equal("proxy.example.com", vias[1].Host);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1", "udp:192.0.2.1:5070")]
    [InlineData("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1", "udp:192.0.2.1:5060")]
    [InlineData("SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;received=192.0.2.9", "udp:192.0.2.9:5070")]
    [InlineData("SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1;received=192.0.2.9;rport=40000", "udp:192.0.2.9:40000")]
    [InlineData("SIP/2.0/TCP [2001:db8::1]:5080;branch=z9hG4bK1", "tcp:[2001:db8::1]:5080")]
    public void ResponseRouting_Via_GivesRfc3581Destination(string via, string expected)
    {
        Assert.True(ResponseRouting.TryGetDestination(ViaHeader.Parse(via), out var destination));
        Assert.Equal(expected, destination.ToString());
    }

    [Fact]
    public void ResponseRouting_HostNameWithoutReceived_IsNotRoutable()
    {
        Assert.False(ResponseRouting.TryGetDestination(ViaHeader.Parse("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1"), out _));
    }

    [Fact]
    public void RejectionResponder_RequestMissingCallId_Answers400WithSalvagedHeaders()
    {
        var text = SipSamples.Request("INVITE").Replace("Call-ID: c1@192.0.2.10\r\n", "", StringComparison.Ordinal);

        var reply = RejectionResponder.TryBuild(SipSamples.Bytes(text), SipParseError.MissingCallId);

        string response = Encoding.UTF8.GetString(reply!);
        Assert.StartsWith("SIP/2.0 400 Bad Request - Missing Call-ID\r\n", response, StringComparison.Ordinal);
        Assert.Contains("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\r\n", response, StringComparison.Ordinal);
        Assert.Contains("CSeq: 1 INVITE\r\n", response, StringComparison.Ordinal);
        Assert.Matches("To: <sip:bob@example.com>;tag=[0-9a-f]+\r\n", response);
    }

    [Fact]
    public void RejectionResponder_UnsupportedVersion_Answers505()
    {
        var text = SipSamples.Request("OPTIONS").Replace("example.com SIP/2.0", "example.com SIP/3.0", StringComparison.Ordinal);

        var reply = RejectionResponder.TryBuild(SipSamples.Bytes(text), SipParseError.UnsupportedVersion);

        Assert.StartsWith("SIP/2.0 505 Version Not Supported", Encoding.UTF8.GetString(reply!), StringComparison.Ordinal);
    }

    [Fact]
    public void RejectionResponder_BrokenResponseOrNoVia_BuildsNothing()
    {
        Assert.Null(RejectionResponder.TryBuild(SipSamples.Bytes("SIP/2.0 999 Nope\r\n\r\n"), SipParseError.InvalidStatusCode));
        Assert.Null(RejectionResponder.TryBuild(SipSamples.Bytes("GARBAGE\r\nFrom: x\r\n\r\n"), SipParseError.InvalidStartLine));
    }

    [Fact]
    public void TransportLog_Excerpt_EscapesControlBytesAndTruncates()
    {
        var excerpt = TransportLog.Excerpt(Encoding.ASCII.GetBytes("INVITE\r\n" + new string('a', 100)));

        Assert.StartsWith("INVITE\\x0D\\x0A", excerpt, StringComparison.Ordinal);
        Assert.EndsWith("…", excerpt, StringComparison.Ordinal);
    }
}
