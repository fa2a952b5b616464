using System.Net;
using System.Net.Sockets;

namespace CallRouter.Media.Rtp.Linux;

/// <summary>
/// UDP socket for RTP or RTCP served by an <see cref="EpollReceiveLoop"/>: the loop's thread reads
/// it with non-blocking <c>recvfrom</c> and calls the session synchronously, so the bridge relays
/// on that thread. Sends go through the (non-blocking) <see cref="Socket"/>, so a full send
/// buffer drops a packet instead of stalling every call on the receive thread.
/// <para>
/// Lifetime: the socket is read only by the loop's thread while it holds the "dispatching" state,
/// and closed by whoever leaves the last state, so a descriptor is never read after it was
/// closed (and perhaps reused), and nothing is delivered once <see cref="StartReceiving"/>'s
/// task has completed.
/// </para>
/// </summary>
internal sealed class EpollRtpTransport : IPushRtpTransport
{
    private const int Idle = 0;
    private const int Dispatching = 1;
    private const int CloseRequested = 2;
    private const int Closed = 3;

    private readonly Socket _socket;
    private readonly int _fd;
    private readonly EpollReceiveLoop _loop;
    private readonly int _datagramsPerWakeup;
    private readonly Lock _registration = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _lastSourceAddress = new byte[LinuxSockets.SocketAddressCapacity];
    private Action? _onClosed;
    private DatagramHandler? _handler;
    private ulong _token;
    private int _state;
    private int _lastSourceLength;
    private IPEndPoint? _lastSource;
    private Tuple<IPEndPoint, SocketAddress>? _lastDestination;
    private long _received;
    private long _dropped;
    private long _handlerErrors;

    private EpollRtpTransport(Socket socket, EpollReceiveLoop loop, int datagramsPerWakeup, Action? onClosed = null)
    {
        _socket = socket;
        _socket.Blocking = false;
        _fd = LinuxSockets.FileDescriptor(socket);
        _loop = loop;
        _datagramsPerWakeup = datagramsPerWakeup;
        _onClosed = onClosed;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Datagrams handed to the session.</summary>
    public long DatagramsReceived => Interlocked.Read(ref _received);

    /// <summary>Datagrams read but not delivered: larger than the receive buffer, or from an address that is not IP.</summary>
    public long DatagramsDropped => Interlocked.Read(ref _dropped);

    /// <summary>Deliveries whose handler threw; the socket keeps being served.</summary>
    public long HandlerErrors => Interlocked.Read(ref _handlerErrors);

    /// <summary>Binds an RTP/RTCP pair from the range, both served by the same loop of <paramref name="group"/>.</summary>
    public static (EpollRtpTransport Rtp, EpollRtpTransport Rtcp) BindPair(RtpPortAllocator allocator, IPAddress address, EpollReceiverGroup group, int datagramsPerWakeup)
    {
        var (rtp, rtcp, port) = RtpSocketPair.Bind(allocator, address);
        var loop = group.Next();
        // The RTP socket owns the port lease: closing it returns the pair to the range.
        return (new EpollRtpTransport(rtp, loop, datagramsPerWakeup, () => allocator.Release(port)), new EpollRtpTransport(rtcp, loop, datagramsPerWakeup));
    }

    /// <summary>Wraps an already bound UDP socket (tests, the load generator).</summary>
    public static EpollRtpTransport Create(Socket boundSocket, EpollReceiveLoop loop, int datagramsPerWakeup = 16) =>
        new(boundSocket, loop, datagramsPerWakeup);

    public Task StartReceiving(DatagramHandler handler)
    {
        lock (_registration)
        {
            if (_handler is not null)
            {
                throw new InvalidOperationException("Receiving has already started on this transport.");
            }

            _handler = handler;
            if (Volatile.Read(ref _state) == Idle)
            {
                _token = _loop.Register(this, _fd);
            }
        }

        return _stopped.Task;
    }

    public ValueTask<ReceivedDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This transport delivers datagrams through StartReceiving.");

    public void Send(ReadOnlySpan<byte> datagram, IPEndPoint destination)
    {
        try
        {
            // Serialising an IPEndPoint allocates; a call sends to one peer, so keep its SocketAddress
            // (one immutable pair, so concurrent senders never see a mismatched half).
            var cached = Volatile.Read(ref _lastDestination);
            if (cached is null || !ReferenceEquals(cached.Item1, destination))
            {
                cached = Tuple.Create(destination, destination.Serialize());
                Volatile.Write(ref _lastDestination, cached);
            }

            _socket.SendTo(datagram, SocketFlags.None, cached.Item2);
        }
        catch (SocketException)
        {
            // Send buffer full (the socket is non-blocking) or ICMP trouble: a lost packet, the call goes on.
        }
        catch (ObjectDisposedException)
        {
            // A timer (player, RTCP) raced with hang-up; nothing is left to send to.
        }
    }

    public void Dispose()
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Idle when Interlocked.CompareExchange(ref _state, Closed, Idle) == Idle:
                    Close();
                    return;
                case Dispatching when Interlocked.CompareExchange(ref _state, CloseRequested, Dispatching) == Dispatching:
                    // The loop's thread is inside Drain (maybe this very call comes from a handler); it closes on the way out.
                    return;
                case CloseRequested or Closed:
                    return;
            }
        }
    }

    /// <summary>
    /// Called by the loop's thread when the socket is readable: reads until the kernel has no more
    /// (EAGAIN) or the per-wake-up budget is used (fairness; level-triggered epoll reports the rest).
    /// </summary>
    internal void Drain(Span<byte> buffer, Span<byte> address)
    {
        if (Interlocked.CompareExchange(ref _state, Dispatching, Idle) != Idle)
        {
            return;
        }

        try
        {
            for (var read = 0; read < _datagramsPerWakeup; read++)
            {
                var length = LinuxSockets.ReceiveFrom(_fd, buffer, address, out var addressLength);
                if (length < 0)
                {
                    if (LinuxSockets.Errno == LinuxSockets.ErrorInterrupted)
                    {
                        continue;
                    }

                    break; // EAGAIN: drained. Other errors (a queued ICMP error) are consumed by reading them.
                }

                var source = length <= buffer.Length ? SourceOf(address[..Math.Min(addressLength, address.Length)]) : null;
                if (source is null)
                {
                    Interlocked.Increment(ref _dropped);
                    continue;
                }

                Interlocked.Increment(ref _received);
                try
                {
                    _handler!(buffer[..(int)length], source);
                }
                catch (Exception)
                {
                    // One consumer's failure must not stop this thread, which serves every call on the loop.
                    Interlocked.Increment(ref _handlerErrors);
                }

                if (Volatile.Read(ref _state) != Dispatching)
                {
                    break; // disposed from inside the handler
                }
            }
        }
        finally
        {
            if (Interlocked.CompareExchange(ref _state, Idle, Dispatching) != Dispatching)
            {
                Volatile.Write(ref _state, Closed);
                Close();
            }
        }
    }

    private IPEndPoint? SourceOf(ReadOnlySpan<byte> address)
    {
        // A call's packets come from one peer: reuse its IPEndPoint while the raw address repeats.
        if (_lastSource is not null && address.SequenceEqual(_lastSourceAddress.AsSpan(0, _lastSourceLength)))
        {
            return _lastSource;
        }

        var source = LinuxSockets.ReadSocketAddress(address);
        if (source is not null)
        {
            address.CopyTo(_lastSourceAddress);
            _lastSourceLength = address.Length;
            _lastSource = source;
        }

        return source;
    }

    private void Close()
    {
        lock (_registration)
        {
            if (_token != 0)
            {
                _loop.Unregister(_token, _fd);
                _token = 0;
            }

            _socket.Dispose();
        }

        Interlocked.Exchange(ref _onClosed, null)?.Invoke();
        _stopped.TrySetResult();
    }
}
