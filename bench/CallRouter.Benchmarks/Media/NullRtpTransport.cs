using System.Net;
using CallRouter.Media.Rtp;

namespace CallRouter.Benchmarks.Media;

/// <summary>A transport that counts and discards what is sent and never receives: isolates media-path CPU from sockets.</summary>
public sealed class NullRtpTransport(int port) : IRtpTransport
{
    public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, port);

    public long SentBytes { get; private set; }

    public void Send(ReadOnlySpan<byte> datagram, IPEndPoint destination) => SentBytes += datagram.Length;

    public ValueTask<ReceivedDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        new(Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => default(ReceivedDatagram), TaskScheduler.Default));

    public void Dispose()
    {
    }
}
