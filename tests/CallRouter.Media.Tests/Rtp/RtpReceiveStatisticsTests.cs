using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.Rtp;

public class RtpReceiveStatisticsTests
{
    private static RtpReceiveStatistics Feed(IEnumerable<ushort> sequences)
    {
        var stats = new RtpReceiveStatistics();
        var t = 0.0;
        foreach (var seq in sequences)
        {
            stats.Update(seq, (uint)(seq * 160), t);
            t += 0.02;
        }

        return stats;
    }

    [Fact]
    public void Update_InOrderStream_NoLoss()
    {
        var stats = Feed(Enumerable.Range(100, 50).Select(i => (ushort)i));

        // The first packet is the probation packet (RFC 3550 A.1); the stream is counted from the second.
        Assert.Equal(49, stats.PacketsReceived);
        Assert.Equal(49, stats.PacketsExpected);
        Assert.Equal(0, stats.PacketsLost);
    }

    [Fact]
    public void Update_TenPercentDropped_ReportsLossAndFraction()
    {
        var sequences = Enumerable.Range(0, 101).Where(i => i < 2 || i % 10 != 5).Select(i => (ushort)i);
        var stats = Feed(sequences);

        Assert.Equal(10, stats.PacketsLost);
        var block = stats.CreateReportBlock(1, 0, 0);
        Assert.Equal(10, block.CumulativeLost);
        Assert.Equal((byte)(10 * 256 / 100), block.FractionLost);
    }

    [Fact]
    public void CreateReportBlock_SecondIntervalWithoutLoss_FractionZeroCumulativeKept()
    {
        var stats = Feed(Enumerable.Range(0, 50).Where(i => i != 20).Select(i => (ushort)i));
        stats.CreateReportBlock(1, 0, 0);
        var t = 1.0;
        for (var seq = 50; seq < 100; seq++, t += 0.02)
        {
            stats.Update((ushort)seq, (uint)(seq * 160), t);
        }

        var block = stats.CreateReportBlock(1, 0, 0);
        Assert.Equal(0, block.FractionLost);
        Assert.Equal(1, block.CumulativeLost);
    }

    [Fact]
    public void Update_SequenceWrapsAround_CountsCycles()
    {
        var stats = Feed(Enumerable.Range(65500, 100).Select(i => (ushort)i));

        Assert.Equal(0x10000u + 63, stats.ExtendedHighestSequence); // 65599 wrapped once
        Assert.Equal(0, stats.PacketsLost);
    }

    [Fact]
    public void Update_DuplicatesAndReorder_LossGoesNegativeForDuplicates()
    {
        var stats = Feed([1, 2, 3, 5, 4, 6, 6, 7]);

        Assert.Equal(0x7u, stats.ExtendedHighestSequence);
        Assert.Equal(-1, stats.PacketsLost); // one duplicate, nothing missing
    }

    [Fact]
    public void Update_ConstantTransit_JitterStaysZero()
    {
        var stats = Feed(Enumerable.Range(0, 100).Select(i => (ushort)i));
        Assert.Equal(0, stats.Jitter, 6);
    }

    [Fact]
    public void Update_AlternatingTenMillisecondDelay_JitterConvergesToEightyUnits()
    {
        // Every other packet arrives 10 ms (80 timestamp units) late: |D| is 80 for every pair,
        // so the estimate J += (|D| - J)/16 converges on 80 units = 10 ms.
        var stats = new RtpReceiveStatistics();
        for (var seq = 0; seq < 400; seq++)
        {
            var arrival = (seq * 0.02) + (seq % 2 == 1 ? 0.01 : 0);
            stats.Update((ushort)seq, (uint)(seq * 160), arrival);
        }

        Assert.InRange(stats.Jitter, 79, 80.5);
        Assert.InRange(stats.JitterMilliseconds, 9.9, 10.1);
    }

    [Fact]
    public void Update_SenderRestartsWithBigJump_ResyncsAfterTwoPackets()
    {
        var stats = Feed([10, 11, 12, 13]);
        Assert.False(stats.Update(40000, 0, 1));
        Assert.True(stats.Update(40001, 160, 1.02));
        stats.Update(40002, 320, 1.04);

        Assert.Equal(40002u, stats.ExtendedHighestSequence);
        Assert.Equal(0, stats.PacketsLost);
    }
}
