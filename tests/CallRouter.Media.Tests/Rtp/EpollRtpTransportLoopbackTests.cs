using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using CallRouter.Media.Rtp.Linux;

namespace CallRouter.Media.Tests.Rtp;

/// <summary>
/// The Linux epoll transport on real UDP sockets (127.0.0.1, ports from the kernel). Every wait is
/// for a packet or a completion, bounded by <see cref="Bound"/>; none waits for time to pass.
/// </summary>
public class EpollRtpTransportLoopbackTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private readonly Socket _phone = Bound0();
    private readonly List<EpollRtpTransport> _transports = [];

    public EpollRtpTransportLoopbackTests()
    {
        Assert.True(LinuxSockets.IsSupported, "These tests cover the Linux epoll path and run on Linux x64/arm64.");
    }

    [Fact]
    public async Task Loopback_TwoTransportsOnOneLoop_EachDatagramReachesOnlyItsOwnHandler()
    {
        var (first, firstInbox) = Start();
        var (second, secondInbox) = Start();

        _phone.SendTo([1, 1, 1], first.LocalEndPoint);
        _phone.SendTo([2, 2], second.LocalEndPoint);
        _phone.SendTo([1, 1, 1, 1], first.LocalEndPoint);

        Assert.Equal([1, 1, 1], (await NextAsync(firstInbox)).Data);
        Assert.Equal([1, 1, 1, 1], (await NextAsync(firstInbox)).Data);
        var atSecond = await NextAsync(secondInbox);
        Assert.Equal([2, 2], atSecond.Data);
        Assert.Equal(_phone.LocalEndPoint, atSecond.Source);
        Assert.False(firstInbox.Reader.TryRead(out _));
        Assert.Equal(2, first.DatagramsReceived);
        Assert.Equal(1, second.DatagramsReceived);
    }

    [Theory]
    [InlineData(16)] // one wake-up reads until the kernel says EAGAIN
    [InlineData(2)]  // budget used up: level-triggered epoll reports the socket again
    public async Task Loopback_DatagramsQueuedBeforeStart_AllDeliveredInOrder(int datagramsPerWakeup)
    {
        var socket = Bound0();
        var transport = Track(EpollRtpTransport.Create(socket, EpollReceiverGroup.ForThreadCount(1).Next(), datagramsPerWakeup));
        for (byte i = 0; i < 5; i++)
        {
            _phone.SendTo([i], transport.LocalEndPoint);
        }

        var inbox = Channel.CreateUnbounded<(byte[] Data, IPEndPoint Source)>();
        _ = transport.StartReceiving((d, s) => inbox.Writer.TryWrite((d.ToArray(), s)));

        for (byte i = 0; i < 5; i++)
        {
            Assert.Equal([i], (await NextAsync(inbox)).Data);
        }
    }

    [Fact]
    public async Task Loopback_DatagramLargerThanTheBuffer_DroppedAndCountedAndTheNextOneDelivered()
    {
        var (transport, inbox) = Start();

        _phone.SendTo(new byte[3000], transport.LocalEndPoint);
        _phone.SendTo([7], transport.LocalEndPoint);

        Assert.Equal([7], (await NextAsync(inbox)).Data);
        Assert.Equal(1, transport.DatagramsDropped);
        Assert.Equal(1, transport.DatagramsReceived);
    }

    [Fact]
    public async Task Loopback_HandlerThrows_CountedAndTheNextDatagramStillDelivered()
    {
        var transport = Track(EpollRtpTransport.Create(Bound0(), EpollReceiverGroup.ForThreadCount(1).Next()));
        var delivered = Channel.CreateUnbounded<byte>();
        _ = transport.StartReceiving((d, _) =>
        {
            if (d[0] == 0)
            {
                throw new InvalidOperationException("consumer failed");
            }

            delivered.Writer.TryWrite(d[0]);
        });

        _phone.SendTo([0], transport.LocalEndPoint);
        _phone.SendTo([1], transport.LocalEndPoint);

        using var timeout = new CancellationTokenSource(Bound);
        Assert.Equal(1, await delivered.Reader.ReadAsync(timeout.Token));
        Assert.Equal(1, transport.HandlerErrors);
    }

    [Fact]
    public async Task Dispose_WhileAHandlerRuns_StoppedTaskWaitsForItAndNoQueuedDatagramFollows()
    {
        var transport = Track(EpollRtpTransport.Create(Bound0(), EpollReceiverGroup.ForThreadCount(1).Next()));
        var port = transport.LocalEndPoint.Port;
        using var inHandler = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        var deliveries = 0;
        var stopped = transport.StartReceiving((_, _) =>
        {
            Interlocked.Increment(ref deliveries);
            inHandler.Release();
            release.Wait(Bound);
        });
        for (var i = 0; i < 3; i++)
        {
            _phone.SendTo([1], transport.LocalEndPoint);
        }

        Assert.True(await inHandler.WaitAsync(Bound));
        transport.Dispose();
        Assert.False(stopped.IsCompleted);

        release.Release();
        await stopped.WaitAsync(Bound);

        Assert.Equal(1, Volatile.Read(ref deliveries));
        AssertPortIsFree(port);
    }

    [Fact]
    public async Task Dispose_FromInsideTheHandler_StopsAfterThatDatagramClosesTheSocketAndLeavesTheEpollSet()
    {
        var loop = new EpollReceiveLoop("test loop"); // its own loop, so its registrations are this test's alone
        var transport = Track(EpollRtpTransport.Create(Bound0(), loop));
        var port = transport.LocalEndPoint.Port;
        var deliveries = 0;
        var stopped = transport.StartReceiving((_, _) =>
        {
            Interlocked.Increment(ref deliveries);
            transport.Dispose(); // a BYE handler hanging up the call
        });
        Assert.Equal(1, loop.Registered);

        for (var i = 0; i < 3; i++)
        {
            _phone.SendTo([1], transport.LocalEndPoint);
        }

        await stopped.WaitAsync(Bound);

        Assert.Equal(1, Volatile.Read(ref deliveries));
        Assert.Equal(0, loop.Registered);
        AssertPortIsFree(port);
    }

    [Fact]
    public async Task Dispose_BeforeStart_ClosesTheSocketAndStartDeliversNothing()
    {
        var transport = EpollRtpTransport.Create(Bound0(), EpollReceiverGroup.ForThreadCount(1).Next());
        var port = transport.LocalEndPoint.Port;

        transport.Dispose();
        var stopped = transport.StartReceiving((_, _) => throw new InvalidOperationException("delivered after dispose"));

        await stopped.WaitAsync(Bound);
        AssertPortIsFree(port);
    }

    [Fact]
    public void Send_AfterDispose_IsDroppedWithoutThrowing()
    {
        var transport = EpollRtpTransport.Create(Bound0(), EpollReceiverGroup.ForThreadCount(1).Next());
        transport.Dispose();

        transport.Send([1, 2, 3], (IPEndPoint)_phone.LocalEndPoint!);

        Assert.Equal(0, _phone.Available);
    }

    public void Dispose()
    {
        foreach (var transport in _transports)
        {
            transport.Dispose();
        }

        _phone.Dispose();
        GC.SuppressFinalize(this);
    }

    private static Socket Bound0()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static void AssertPortIsFree(int port)
    {
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, port)); // throws "address in use" while the old socket is open
    }

    private static async Task<(byte[] Data, IPEndPoint Source)> NextAsync(Channel<(byte[] Data, IPEndPoint Source)> inbox)
    {
        using var timeout = new CancellationTokenSource(Bound);
        return await inbox.Reader.ReadAsync(timeout.Token);
    }

    private (EpollRtpTransport Transport, Channel<(byte[] Data, IPEndPoint Source)> Inbox) Start()
    {
        var transport = Track(EpollRtpTransport.Create(Bound0(), EpollReceiverGroup.ForThreadCount(1).Next()));
        var inbox = Channel.CreateUnbounded<(byte[] Data, IPEndPoint Source)>();
        _ = transport.StartReceiving((d, s) => inbox.Writer.TryWrite((d.ToArray(), s)));
        return (transport, inbox);
    }

    private EpollRtpTransport Track(EpollRtpTransport transport)
    {
        _transports.Add(transport);
        return transport;
    }
}
