using System.Net;
using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.Rtp;

/// <summary>Opens real UDP sockets on 127.0.0.1; the only socket tests in this project besides the bridge loopback.</summary>
public class UdpRtpTransportLoopbackTests
{
    [Fact]
    public async Task Loopback_TwoSessionsExchangePackets_EachLatchesToTheOther()
    {
        var allocator = new RtpPortAllocator(24000, 24999);
        var (rtpA, rtcpA) = UdpRtpTransport.BindPair(allocator, IPAddress.Loopback);
        var (rtpB, rtcpB) = UdpRtpTransport.BindPair(allocator, IPAddress.Loopback);
        Assert.Equal(0, rtpA.LocalEndPoint.Port % 2);
        Assert.Equal(rtpA.LocalEndPoint.Port + 1, rtcpA.LocalEndPoint.Port);

        await using var a = new RtpSession(rtpA, rtcpA, TimeProvider.System);
        await using var b = new RtpSession(rtpB, rtcpB, TimeProvider.System);
        a.Configure(rtpB.LocalEndPoint, [0]);
        b.Configure(rtpA.LocalEndPoint, [0]);
        var received = new TaskCompletionSource<ushort>(TaskCreationOptions.RunContinuationsAsynchronously);
        b.PacketReceived = (in RtpPacket p) => received.TrySetResult(p.Header.SequenceNumber);
        a.Start();
        b.Start();

        a.Send(0, 0, true, new byte[160]);

        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(b.IsLatched);
        Assert.Equal(rtpA.LocalEndPoint, b.RemoteEndPoint);
    }

    [Fact]
    public async Task Loopback_SessionDisposed_PortReturnedToAllocator()
    {
        var allocator = new RtpPortAllocator(25000, 25999);
        var (rtp, rtcp) = UdpRtpTransport.BindPair(allocator, IPAddress.Loopback);
        var session = new RtpSession(rtp, rtcp, TimeProvider.System);
        Assert.Equal(1, allocator.InUse);

        await session.DisposeAsync();

        Assert.Equal(0, allocator.InUse);
    }
}
