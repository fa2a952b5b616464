using CallRouter.Media.Sdp;

namespace CallRouter.Media.Tests.Sdp;

public class SdpParserTests
{
    private const string BareSipOffer =
        "v=0\r\n" +
        "o=- 3859457283 3859457283 IN IP4 192.0.2.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 10000 RTP/AVP 0 8 101\r\n" +
        "b=AS:64\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    [Fact]
    public void TryParse_TypicalSoftphoneOffer_ReadsOriginConnectionAndMedia()
    {
        Assert.True(SdpParser.TryParse(BareSipOffer, out var description, out var error), error);
        Assert.Equal(3859457283UL, description.Origin.SessionId);
        Assert.Equal("192.0.2.10", description.Connection!.Address);
        var audio = Assert.Single(description.Media);
        Assert.Equal(10000, audio.Port);
        Assert.Equal(["0", "8", "101"], audio.Formats);
        Assert.Equal(new RtpMap(101, "telephone-event", 8000), audio.GetRtpMap(101));
        Assert.Equal(20, audio.GetPacketTime());
        Assert.Equal(MediaDirection.SendRecv, audio.GetDirection(MediaDirection.Inactive));
    }

    [Fact]
    public void Serialize_ParsedOffer_ReproducesTheOriginalText()
    {
        Assert.True(SdpParser.TryParse(BareSipOffer, out var description, out _));
        Assert.Equal(BareSipOffer, description.ToString());
    }

    [Fact]
    public void TryParse_BareLineFeeds_AcceptedLikeCrLf()
    {
        Assert.True(SdpParser.TryParse(BareSipOffer.Replace("\r\n", "\n", StringComparison.Ordinal), out var description, out var error), error);
        Assert.Single(description.Media);
    }

    [Fact]
    public void TryParse_MediaLevelConnection_OverridesSessionLevel()
    {
        var text = BareSipOffer.Replace("a=sendrecv\r\n", "c=IN IP4 198.51.100.7\r\na=sendonly\r\n", StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(text, out var description, out _));
        var audio = description.Media[0];
        Assert.Equal("198.51.100.7", description.ConnectionFor(audio)!.Address);
        Assert.Equal(MediaDirection.SendOnly, audio.GetDirection(MediaDirection.SendRecv));
    }

    [Theory]
    [InlineData("", "start with v=0")]
    [InlineData("v=1\r\n", "start with v=0")]
    [InlineData("v=0\r\ns=-\r\nt=0 0\r\n", "mandatory")]
    [InlineData("v=0\r\no=- x 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n", "o=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4\r\nt=0 0\r\n", "c=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n", "m=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n", "no connection address")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nnot a line\r\nt=0 0\r\n", "expected")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n\r\ns=-\r\nt=0 0\r\n", "empty line")]
    public void TryParse_MalformedInput_RefusesWithReason(string text, string reasonFragment)
    {
        Assert.False(SdpParser.TryParse(text, out _, out var error));
        Assert.Contains(reasonFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_OversizedBody_RefusedBeforeParsing()
    {
        var big = new byte[SdpParser.MaxLength + 1];
        Assert.False(SdpParser.TryParse(big, out _, out var error));
        Assert.Contains("allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EveryPrefixOfAnOffer_NeverThrows()
    {
        for (var length = 0; length <= BareSipOffer.Length; length++)
        {
            var ok = SdpParser.TryParse(BareSipOffer[..length], out var description, out var error);
            Assert.True(ok ? description is not null : error is not null);
        }
    }

    [Theory]
    [InlineData("0 PCMU/8000", 0, "PCMU", 8000, 1)]
    [InlineData("96 opus/48000/2", 96, "opus", 48000, 2)]
    public void RtpMapTryParse_ValidValue_ReadsFields(string value, int pt, string name, int clock, int channels)
    {
        Assert.True(RtpMap.TryParse(value, out var map));
        Assert.Equal(new RtpMap(pt, name, clock, channels), map);
    }

    [Theory]
    [InlineData("PCMU/8000")]
    [InlineData("128 PCMU/8000")]
    [InlineData("0 PCMU")]
    [InlineData("0 PCMU/0")]
    [InlineData("0 /8000")]
    public void RtpMapTryParse_InvalidValue_ReturnsFalse(string value)
    {
        Assert.False(RtpMap.TryParse(value, out _));
    }
}
