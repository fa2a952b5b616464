using System.Net;
using System.Net.Sockets;
using CallRouter.Media.Rtp;
using CallRouter.Media.Rtp.Linux;

namespace CallRouter.Media.Tests.Rtp;

/// <summary>
/// <see cref="RtpSession"/> over the epoll transport on real UDP (127.0.0.1, a port range below the
/// Linux ephemeral range): latching, RTCP, malformed datagrams and the release of both ports.
/// Waits are for packets or events, bounded by <see cref="Bound"/>.
/// </summary>
public class EpollRtpSessionLoopbackTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly RtpPortAllocator _allocator = new(28000, 28999);
    private readonly Socket _phone = Bound0();
    private readonly Socket _sdpDecoy = Bound0();

    [Fact]
    public async Task Loopback_PacketsComeFromAnotherAddressThanTheSdp_SessionLatchesAndSendsThere()
    {
        await using var session = NewSession(out _, out _);
        var received = new TaskCompletionSource<ushort>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.PacketReceived = (in RtpPacket p) => received.TrySetResult(p.Header.SequenceNumber);
        session.Configure((IPEndPoint)_sdpDecoy.LocalEndPoint!, [0]);
        session.Start();

        _phone.SendTo(TestSupport.Rtp.Audio(42, 0), session.LocalEndPoint);

        Assert.Equal(42, await received.Task.WaitAsync(Bound));
        Assert.True(session.IsLatched);
        Assert.Equal(_phone.LocalEndPoint, session.RemoteEndPoint);
        session.Send(0, 160, false, new byte[160]);
        using var timeout = new CancellationTokenSource(Bound);
        var length = await _phone.ReceiveAsync(new byte[1500], SocketFlags.None, timeout.Token);
        Assert.Equal(RtpHeader.Size + 160, length);
        Assert.Equal(0, _sdpDecoy.Available);
    }

    [Fact]
    public async Task Loopback_ReceiverReportAndByeOnTheRtcpPort_ReportStoredAndByeRaised()
    {
        await using var session = NewSession(out _, out var rtcp);
        var bye = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.ByeReceived += () => bye.TrySetResult();
        session.Configure((IPEndPoint)_phone.LocalEndPoint!, [0]);
        session.Start();

        var report = new byte[256];
        var length = RtcpCompoundPacket.Write(report, 0xFEED, null, [new RtcpReportBlock(session.Ssrc, 128, 10, 100, 80, 0, 0)], "phone@test", bye: true);
        _phone.SendTo(report.AsSpan(0, length), SocketFlags.None, rtcp.LocalEndPoint);

        await bye.Task.WaitAsync(Bound);
        Assert.Equal(0.5, session.GetStatistics().RemoteFractionLost);
    }

    [Fact]
    public async Task Loopback_ShortDatagramOnTheRtpPort_CountedAsMalformedAndNotDelivered()
    {
        await using var session = NewSession(out _, out _);
        var delivered = new List<ushort>();
        var valid = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        session.PacketReceived = (in RtpPacket p) =>
        {
            lock (delivered)
            {
                delivered.Add(p.Header.SequenceNumber);
            }

            valid.TrySetResult();
        };
        session.Configure((IPEndPoint)_phone.LocalEndPoint!, [0]);
        session.Start();

        _phone.SendTo([0x80, 0, 0, 1, 2], session.LocalEndPoint);
        _phone.SendTo(TestSupport.Rtp.Audio(7, 0), session.LocalEndPoint);

        await valid.Task.WaitAsync(Bound);
        Assert.Equal(1, session.MalformedPackets);
        lock (delivered)
        {
            Assert.Equal([(ushort)7], delivered);
        }
    }

    [Fact]
    public async Task DisposeAsync_StartedSession_BothSocketsClosedAndThePairBackInTheRange()
    {
        var session = NewSession(out var rtp, out var rtcp);
        session.Configure((IPEndPoint)_phone.LocalEndPoint!, [0]);
        session.Start();
        Assert.Equal(1, _allocator.InUse);

        await session.DisposeAsync();

        Assert.Equal(0, _allocator.InUse);
        foreach (var port in new[] { rtp.LocalEndPoint.Port, rtcp.LocalEndPoint.Port })
        {
            using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            again.Bind(new IPEndPoint(IPAddress.Loopback, port)); // "address in use" while a socket is still open
        }
    }

    public void Dispose()
    {
        _phone.Dispose();
        _sdpDecoy.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Socket Bound0()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private RtpSession NewSession(out EpollRtpTransport rtp, out EpollRtpTransport rtcp)
    {
        (rtp, rtcp) = EpollRtpTransport.BindPair(_allocator, IPAddress.Loopback, EpollReceiverGroup.ForThreadCount(1), datagramsPerWakeup: 16);
        return new RtpSession(rtp, rtcp, TimeProvider.System);
    }
}
