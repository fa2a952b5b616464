using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.Rtp;

public class RtpPacketTests
{
    [Fact]
    public void WriteThenTryParse_HeaderAndPayload_RoundTrip()
    {
        var header = new RtpHeader(Marker: true, PayloadType: 8, SequenceNumber: 65535, Timestamp: 0xDEADBEEF, Ssrc: 0x01020304);
        byte[] payload = [1, 2, 3, 4, 5];
        var buffer = new byte[64];

        var length = RtpPacket.Write(buffer, header, payload);

        Assert.Equal(17, length);
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
        Assert.Equal(header, packet.Header);
        Assert.Equal(payload, packet.Payload.ToArray());
    }

    [Fact]
    public void Write_KnownHeader_ProducesRfc3550ByteLayout()
    {
        var buffer = new byte[12];
        new RtpHeader(true, 0, 0x0102, 0x03040506, 0x0708090A).WriteTo(buffer);

        Assert.Equal(new byte[] { 0x80, 0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A }, buffer);
    }

    [Fact]
    public void TryParse_CsrcsExtensionAndPadding_PayloadExcludesThem()
    {
        byte[] datagram =
        [
            0xB2, 0x00, 0x00, 0x01, 0, 0, 0, 160, 0, 0, 0, 9, // V=2 P=1 X=1 CC=2
            0, 0, 0, 1, 0, 0, 0, 2,                            // two CSRCs
            0xBE, 0xDE, 0x00, 0x01, 0xAA, 0xBB, 0xCC, 0xDD,   // extension, one word
            0x11, 0x22, 0x33,                                  // payload
            0x00, 0x00, 0x03,                                  // three bytes of padding
        ];

        Assert.True(RtpPacket.TryParse(datagram, out var packet));
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33 }, packet.Payload.ToArray());
        Assert.Equal(9u, packet.Header.Ssrc);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0 })]                  // shorter than the fixed header
    [InlineData(new byte[] { 0x40, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]               // version 1
    [InlineData(new byte[] { 0x81, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]               // CSRC count beyond the data
    [InlineData(new byte[] { 0x90, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 9 })]   // extension length beyond the data
    [InlineData(new byte[] { 0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x20 })]         // padding longer than the packet
    [InlineData(new byte[] { 0xA0, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x00 })]         // padding count zero
    [InlineData(new byte[] { 0x80, 0xC8, 0, 6, 0, 0, 0, 0, 0, 0, 0, 1 })]               // RTCP SR on the RTP port
    public void TryParse_MalformedDatagram_ReturnsFalse(byte[] datagram)
    {
        Assert.False(RtpPacket.TryParse(datagram, out _));
    }

    [Fact]
    public void TryParse_EveryTruncationOfAPacket_NeverThrows()
    {
        var full = TestSupport.Rtp.Audio(7, 160);
        for (var length = 0; length <= full.Length; length++)
        {
            var ok = RtpPacket.TryParse(full.AsSpan(0, length), out var packet);
            Assert.Equal(length >= RtpHeader.Size, ok);
            if (ok)
            {
                Assert.Equal(length - RtpHeader.Size, packet.Payload.Length);
            }
        }
    }
}
