using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.Rtp;

public class RtpPortAllocatorTests
{
    [Fact]
    public void TryAllocate_OddBoundaries_HandsOutEvenPortsWithRtcpInsideRange()
    {
        var allocator = new RtpPortAllocator(10001, 10008);
        var ports = new List<int>();
        while (allocator.TryAllocate(out var port))
        {
            ports.Add(port);
        }

        Assert.Equal([10002, 10004, 10006], ports);
        Assert.Equal(3, allocator.Capacity);
    }

    [Fact]
    public void TryAllocate_AfterRelease_ReusesPortOnlyAfterOthers()
    {
        var allocator = new RtpPortAllocator(20000, 20005);
        allocator.TryAllocate(out var first);
        allocator.Release(first);
        allocator.TryAllocate(out var second);
        allocator.TryAllocate(out var third);
        allocator.TryAllocate(out var fourth);

        Assert.Equal((20000, 20002, 20004, 20000), (first, second, third, fourth));
        Assert.Equal(3, allocator.InUse);
        Assert.False(allocator.TryAllocate(out _));
    }

    [Theory]
    [InlineData(100, 200)]
    [InlineData(20000, 20000)]
    [InlineData(65000, 70000)]
    public void Constructor_UnusableRange_Throws(int first, int last)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpPortAllocator(first, last));
    }
}
