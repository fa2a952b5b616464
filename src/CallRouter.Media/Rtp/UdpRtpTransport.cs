using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace CallRouter.Media.Rtp;

/// <summary>
/// UDP socket for RTP or RTCP. Receives through a reused <see cref="SocketAddress"/> and caches
/// the last source <see cref="IPEndPoint"/>, so a steady stream from one peer allocates nothing
/// per packet.
/// </summary>
public sealed class UdpRtpTransport : IRtpTransport
{
    private readonly Socket _socket;
    private readonly SocketAddress _receiveAddress;
    private SocketAddress? _lastSourceAddress;
    private IPEndPoint? _lastSource;
    private Action? _onDispose;
    private Tuple<IPEndPoint, SocketAddress>? _lastDestination;

    private UdpRtpTransport(Socket socket, Action? onDispose = null)
    {
        _socket = socket;
        _onDispose = onDispose;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _receiveAddress = new SocketAddress(socket.AddressFamily);
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds an RTP socket on an even port and its RTCP socket on the next, retrying ports another process holds.</summary>
    public static (UdpRtpTransport Rtp, UdpRtpTransport Rtcp) BindPair(RtpPortAllocator allocator, IPAddress address)
    {
        var (rtp, rtcp, port) = RtpSocketPair.Bind(allocator, address);
        // The RTP socket owns the port lease: disposing it returns the pair to the range.
        return (new UdpRtpTransport(rtp, () => allocator.Release(port)), new UdpRtpTransport(rtcp));
    }

    public void Send(ReadOnlySpan<byte> datagram, IPEndPoint destination)
    {
        try
        {
            // Serialising an IPEndPoint allocates; a call sends to one peer, so keep its SocketAddress.
            // The pair lives in one immutable object so concurrent senders never see a mismatched half.
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
            // A send failure is a lost packet; RTP has no retransmission and the call must go on.
        }
        catch (ObjectDisposedException)
        {
            // A timer (player, RTCP) raced with hang-up; nothing is left to send to.
        }
    }

    // Called once per packet and usually suspends: pool the state machine so a steady stream allocates nothing.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReceivedDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, _receiveAddress, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                // ICMP port unreachable from an earlier send, or an oversized datagram: skip it.
                continue;
            }

            if (_lastSource is null || !_receiveAddress.Equals(_lastSourceAddress))
            {
                _lastSourceAddress = new SocketAddress(_receiveAddress.Family, _receiveAddress.Size);
                _receiveAddress.Buffer.CopyTo(_lastSourceAddress.Buffer);
                _lastSource = (IPEndPoint)LocalEndPoint.Create(_receiveAddress);
            }

            return new ReceivedDatagram(length, _lastSource);
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        Interlocked.Exchange(ref _onDispose, null)?.Invoke();
    }
}
