using System.Net;
using System.Text;
using CallRouter.Media.Sdp;

namespace CallRouter.Gateway.Tests;

public sealed class ReOfferAnswererTests
{
    private static readonly MediaCapabilities Gateway = new(IPAddress.Loopback);

    private static string Offer(string direction, string formats = "0", string rtpmap = "a=rtpmap:0 PCMU/8000\r\n") =>
        $"v=0\r\no=phone 7 8 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP {formats}\r\n{rtpmap}{direction}";

    private static (string? Answer, List<bool> Holds) Answer(string offer)
    {
        var holds = new List<bool>();
        var answerer = ReOfferAnswerer.For(o => SdpNegotiator.Answer(o, Gateway, 30000), holds.Add);
        var answer = answerer(Encoding.ASCII.GetBytes(offer));
        return (answer is { } bytes ? Encoding.ASCII.GetString(bytes.Span) : null, holds);
    }

    [Theory]
    [InlineData("a=sendonly\r\n", "a=recvonly", true)]
    [InlineData("a=inactive\r\n", "a=inactive", true)]
    [InlineData("a=sendrecv\r\n", "a=sendrecv", false)]
    [InlineData("", "a=sendrecv", false)]
    public void PeerReOffer_IsAnsweredWithTheMirroredDirectionAndHoldIsPassedOn(string offered, string answered, bool holds)
    {
        var (answer, seen) = Answer(Offer(offered));

        Assert.NotNull(answer);
        Assert.Contains(answered, answer, StringComparison.Ordinal);
        Assert.Equal([holds], seen);
    }

    [Fact]
    public void ReOfferThatIsNotSdp_IsRefusedAndChangesNothing()
    {
        var (answer, seen) = Answer("this is not a session description");

        Assert.Null(answer);
        Assert.Empty(seen);
    }

    [Fact]
    public void ReOfferWithNoCommonCodec_IsRefusedAndChangesNothing()
    {
        var (answer, seen) = Answer(Offer("a=sendrecv\r\n", "18", "a=rtpmap:18 G729/8000\r\n"));

        Assert.Null(answer);
        Assert.Empty(seen);
    }
}
