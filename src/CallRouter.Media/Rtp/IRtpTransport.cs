using System.Net;

namespace CallRouter.Media.Rtp;

/// <summary>
/// A datagram endpoint for RTP or RTCP. The UDP implementation is <see cref="UdpRtpTransport"/>;
/// tests use an in-memory one so sessions can be exercised without sockets.
/// </summary>
public interface IRtpTransport : IDisposable
{
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Sends one datagram. Failures (ICMP unreachable, buffer full) are dropped like any lost packet.</summary>
    void Send(ReadOnlySpan<byte> datagram, IPEndPoint destination);

    /// <summary>Waits for the next datagram; the returned source may be a cached instance, do not mutate it.</summary>
    ValueTask<ReceivedDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);
}
