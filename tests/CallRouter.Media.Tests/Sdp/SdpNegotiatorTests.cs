using System.Net;
using CallRouter.Media.Codecs;
using CallRouter.Media.Sdp;

namespace CallRouter.Media.Tests.Sdp;

public class SdpNegotiatorTests
{
    private static readonly MediaCapabilities Local = new(IPAddress.Parse("127.0.0.1"));

    private static SessionDescription Offer(string mediaLines, string connection = "c=IN IP4 192.0.2.10\r\n")
    {
        var text = "v=0\r\no=peer 42 1 IN IP4 192.0.2.10\r\ns=-\r\n" + connection + "t=0 0\r\n" + mediaLines;
        Assert.True(SdpParser.TryParse(text, out var offer, out var error), error);
        return offer;
    }

    /// <summary>
    /// The offer/answer matrix: offered formats × direction → chosen codec, telephone-event PT and
    /// our direction (null codec means the offer must be refused with 488).
    /// </summary>
    public static TheoryData<string, string, int?, int?, MediaDirection> Matrix() => new()
    {
        // formats and rtpmaps, direction line → expected PT, expected telephone-event PT, our direction
        { "0 8 101|a=rtpmap:101 telephone-event/8000", "a=sendrecv", 0, 101, MediaDirection.SendRecv },
        { "8 0 101|a=rtpmap:101 telephone-event/8000", "a=sendrecv", 8, 101, MediaDirection.SendRecv },
        { "0", "", 0, null, MediaDirection.SendRecv },
        { "8", "a=sendonly", 8, null, MediaDirection.RecvOnly },
        { "0 96|a=rtpmap:96 telephone-event/8000", "a=recvonly", 0, 96, MediaDirection.SendOnly },
        { "0", "a=inactive", 0, null, MediaDirection.Inactive },
        { "18 9 0|a=rtpmap:18 G729/8000|a=rtpmap:9 G722/8000", "a=sendrecv", 0, null, MediaDirection.SendRecv },
        { "97 101|a=rtpmap:97 PCMA/8000|a=rtpmap:101 telephone-event/8000", "a=sendrecv", 97, 101, MediaDirection.SendRecv },
        { "96 8|a=rtpmap:96 opus/48000/2", "a=sendrecv", 8, null, MediaDirection.SendRecv },
        { "18 101|a=rtpmap:18 G729/8000|a=rtpmap:101 telephone-event/8000", "a=sendrecv", null, null, MediaDirection.Inactive },
        { "96|a=rtpmap:96 opus/48000/2", "a=sendrecv", null, null, MediaDirection.Inactive },
        { "101|a=rtpmap:101 telephone-event/8000", "a=sendrecv", null, null, MediaDirection.Inactive },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Answer_OfferMatrix_ChoosesCodecEventsAndDirection(string formats, string directionLine, int? expectedPayloadType, int? expectedEventType, MediaDirection expectedDirection)
    {
        var parts = formats.Split('|');
        var lines = $"m=audio 10000 RTP/AVP {parts[0]}\r\n" + string.Concat(parts.Skip(1).Select(a => a + "\r\n"))
            + (directionLine.Length > 0 ? directionLine + "\r\n" : "");
        var result = SdpNegotiator.Answer(Offer(lines), Local, 20000);

        if (expectedPayloadType is null)
        {
            Assert.False(result.IsAccepted);
            Assert.Equal(488, result.StatusCode);
            Assert.Contains("no common codec", result.Reason, StringComparison.Ordinal);
            return;
        }

        Assert.True(result.IsAccepted, result.Reason);
        var media = result.Media!;
        Assert.Equal(expectedPayloadType, media.Codec.PayloadType);
        Assert.Equal(expectedEventType, media.TelephoneEventPayloadType);
        Assert.Equal(expectedDirection, media.Direction);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 10000), media.RemoteEndPoint);

        // The answer must say the same things on the wire, in a form the offerer can parse back.
        Assert.True(SdpParser.TryParse(result.Answer!.ToString(), out var reparsed, out var error), error);
        var answered = Assert.Single(reparsed.Media);
        Assert.Equal(20000, answered.Port);
        var expectedFormats = new List<string> { expectedPayloadType.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (expectedEventType is { } te)
        {
            expectedFormats.Add(te.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(expectedFormats, answered.Formats);
        Assert.Equal(expectedDirection, answered.GetDirection(MediaDirection.SendRecv));
        Assert.Equal("127.0.0.1", reparsed.Connection!.Address);
    }

    [Fact]
    public void Answer_VideoAndAudioOffered_RejectsVideoWithPortZeroAndAcceptsAudio()
    {
        var offer = Offer("m=video 10002 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\nm=audio 10000 RTP/AVP 0\r\n");
        var result = SdpNegotiator.Answer(offer, Local, 20000);

        Assert.True(result.IsAccepted);
        Assert.Equal(2, result.Answer!.Media.Count);
        Assert.Equal(("video", 0, "96"), (result.Answer.Media[0].Media, result.Answer.Media[0].Port, result.Answer.Media[0].Formats[0]));
        Assert.Equal(20000, result.Answer.Media[1].Port);
    }

    [Fact]
    public void Answer_TwoAudioStreams_AcceptsFirstAndRejectsSecond()
    {
        var offer = Offer("m=audio 10000 RTP/AVP 0\r\nm=audio 10002 RTP/AVP 8\r\n");
        var result = SdpNegotiator.Answer(offer, Local, 20000);

        Assert.Equal([20000, 0], result.Answer!.Media.Select(m => m.Port));
        Assert.Equal(10000, result.Media!.RemoteEndPoint.Port);
    }

    [Theory]
    [InlineData("m=audio 0 RTP/AVP 0\r\n", "port 0")]
    [InlineData("m=audio 10000 RTP/SAVP 0\r\n", "RTP/AVP only")]
    [InlineData("m=video 10000 RTP/AVP 96\r\n", "only audio")]
    [InlineData("", "no media stream")]
    public void Answer_NothingUsable_Returns488WithReason(string mediaLines, string reasonFragment)
    {
        var result = SdpNegotiator.Answer(Offer(mediaLines), Local, 20000);

        Assert.False(result.IsAccepted);
        Assert.Equal(488, result.StatusCode);
        Assert.Contains(reasonFragment, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_LegacyHoldConnectionAddress_WeOnlyReceive()
    {
        var offer = Offer("m=audio 10000 RTP/AVP 0\r\n", "c=IN IP4 0.0.0.0\r\n");
        var result = SdpNegotiator.Answer(offer, Local, 20000);

        Assert.Equal(MediaDirection.RecvOnly, result.Media!.Direction);
    }

    [Fact]
    public void Answer_LocalHoldIntent_AnswersSendOnly()
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 10000 RTP/AVP 0\r\n"), Local, 20000, MediaDirection.SendOnly);

        Assert.Equal(MediaDirection.SendOnly, result.Media!.Direction);
        Assert.True(result.Answer!.Media[0].HasAttribute("sendonly"));
    }

    [Theory]
    [InlineData("a=ptime:30\r\n", 30)]
    [InlineData("a=ptime:25\r\n", 20)]
    [InlineData("", 20)]
    public void Answer_OfferedPacketTime_UsedWhenWholeTensOfMilliseconds(string ptimeLine, int expected)
    {
        var result = SdpNegotiator.Answer(Offer("m=audio 10000 RTP/AVP 0\r\n" + ptimeLine), Local, 20000);

        Assert.Equal(expected, result.Media!.PacketTimeMs);
    }

    [Fact]
    public void Answer_OnlyALawSupportedLocally_SkipsOfferedPcmu()
    {
        var local = Local with { Codecs = [G711Law.ALaw] };
        var result = SdpNegotiator.Answer(Offer("m=audio 10000 RTP/AVP 0 8\r\n"), local, 20000);

        Assert.Equal(AudioCodec.Pcma, result.Media!.Codec);
    }

    [Fact]
    public void CreateOfferThenProcessAnswer_PeerAnswersPcmaRecvOnly_WeSendOnlyPcma()
    {
        var offer = SdpNegotiator.CreateOffer(Local, 20000);
        Assert.True(SdpParser.TryParse(offer.ToString(), out var peerView, out _));
        var peerCaps = new MediaCapabilities(IPAddress.Parse("192.0.2.20")) { Codecs = [G711Law.ALaw] };
        var peerAnswer = SdpNegotiator.Answer(peerView, peerCaps, 30000, MediaDirection.RecvOnly).Answer!;

        var result = SdpNegotiator.ProcessAnswer(offer, peerAnswer, Local);

        Assert.True(result.IsAccepted, result.Reason);
        Assert.Equal(AudioCodec.Pcma, result.Media!.Codec);
        Assert.Equal(101, result.Media.TelephoneEventPayloadType);
        Assert.Equal(MediaDirection.SendOnly, result.Media.Direction);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.20"), 30000), result.Media.RemoteEndPoint);
    }

    [Fact]
    public void ProcessAnswer_AudioRejectedWithPortZero_ReturnsRefusal()
    {
        var offer = SdpNegotiator.CreateOffer(Local, 20000);
        var answer = Offer("m=audio 0 RTP/AVP 0\r\n");

        var result = SdpNegotiator.ProcessAnswer(offer, answer, Local);

        Assert.False(result.IsAccepted);
        Assert.Contains("port 0", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOffer_WithPreviousOrigin_IncrementsVersionAndKeepsSessionId()
    {
        var first = SdpNegotiator.CreateOffer(Local, 20000);
        var hold = SdpNegotiator.CreateOffer(Local, 20000, MediaDirection.SendOnly, first.Origin);

        Assert.Equal(first.Origin.SessionId, hold.Origin.SessionId);
        Assert.Equal(first.Origin.SessionVersion + 1, hold.Origin.SessionVersion);
        Assert.True(hold.Media[0].HasAttribute("sendonly"));
    }
}
