using System.Net;
using System.Threading.Channels;
using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.TestSupport;

/// <summary>An in-memory datagram endpoint: records what is sent, delivers what a test injects.</summary>
public sealed class FakeRtpTransport(int port = 40000) : IRtpTransport
{
    private readonly Channel<(byte[] Data, IPEndPoint Source)> _incoming = Channel.CreateUnbounded<(byte[], IPEndPoint)>();

    public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, port);

    public List<(byte[] Data, IPEndPoint Destination)> Sent { get; } = [];

    public bool Disposed { get; private set; }

    public void Send(ReadOnlySpan<byte> datagram, IPEndPoint destination)
    {
        lock (Sent)
        {
            Sent.Add((datagram.ToArray(), destination));
        }
    }

    public void Inject(byte[] datagram, IPEndPoint source) => _incoming.Writer.TryWrite((datagram, source));

    public async ValueTask<ReceivedDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var (data, source) = await _incoming.Reader.ReadAsync(cancellationToken);
        data.CopyTo(buffer);
        return new ReceivedDatagram(data.Length, source);
    }

    public List<RtpHeader> SentHeaders()
    {
        lock (Sent)
        {
            return Sent.Select(s => RtpPacket.TryParse(s.Data, out var p) ? p.Header : throw new InvalidOperationException("not RTP")).ToList();
        }
    }

    public List<byte[]> SentPayloads()
    {
        lock (Sent)
        {
            return Sent.Select(s => RtpPacket.TryParse(s.Data, out var p) ? p.Payload.ToArray() : throw new InvalidOperationException("not RTP")).ToList();
        }
    }

    public void Dispose()
    {
        Disposed = true;
        _incoming.Writer.TryComplete();
    }
}
