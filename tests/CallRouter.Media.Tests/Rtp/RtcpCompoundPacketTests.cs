using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.Rtp;

public class RtcpCompoundPacketTests
{
    [Fact]
    public void WriteThenTryParse_SenderReportWithBlock_RoundTrips()
    {
        var info = new RtcpSenderInfo(0x0102030405060708, 1600, 10, 1600);
        var block = new RtcpReportBlock(0xCAFE, 64, -3, 70000, 42, 0x03040506, 65536);
        var buffer = new byte[256];

        var length = RtcpCompoundPacket.Write(buffer, 0xBEEF, info, [block], "agent@example", bye: true);

        Assert.Equal(0, length % 4);
        Assert.True(RtcpCompoundPacket.TryParse(buffer.AsSpan(0, length), out var compound));
        var report = Assert.Single(compound.Reports);
        Assert.Equal(0xBEEFu, report.Ssrc);
        Assert.Equal(info, report.SenderInfo);
        Assert.Equal(block, Assert.Single(report.Blocks));
        Assert.True(compound.HasBye);
        Assert.Equal(0x03040506u, info.CompactNtp);
    }

    [Fact]
    public void WriteThenTryParse_ReceiverReportWithoutBlocks_HasNoSenderInfo()
    {
        var buffer = new byte[256];
        var length = RtcpCompoundPacket.Write(buffer, 7, null, [], "x");

        Assert.Equal(201, buffer[1]);
        Assert.True(RtcpCompoundPacket.TryParse(buffer.AsSpan(0, length), out var compound));
        Assert.Null(Assert.Single(compound.Reports).SenderInfo);
        Assert.False(compound.HasBye);
    }

    [Fact]
    public void TryParse_EveryTruncation_RejectsWithoutThrowing()
    {
        var buffer = new byte[256];
        var length = RtcpCompoundPacket.Write(buffer, 7, new RtcpSenderInfo(1, 2, 3, 4), [new RtcpReportBlock(1, 2, 3, 4, 5, 6, 7)], "cname");
        for (var cut = 1; cut < length; cut++)
        {
            // Cuts on a packet boundary leave a valid shorter compound; anything else must be refused.
            var ok = RtcpCompoundPacket.TryParse(buffer.AsSpan(0, cut), out _);
            Assert.Equal(cut == 52, ok);
        }
    }

    [Fact]
    public void TryParse_CompoundStartingWithSdes_Rejected()
    {
        byte[] sdesOnly = [0x81, 202, 0, 1, 0, 0, 0, 7];
        Assert.False(RtcpCompoundPacket.TryParse(sdesOnly, out _));
    }
}
