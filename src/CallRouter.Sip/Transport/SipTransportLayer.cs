using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using CallRouter.Sip.Message;
using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.Transport;

/// <summary>
/// Owns every UDP and TCP socket, feeds received messages into one bounded queue, and sends
/// requests to destinations and responses back along their Via.
/// </summary>
public sealed class SipTransportLayer : IMessageSender, IAsyncDisposable
{
    private readonly TransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<IncomingMessage>[] _partitions;
    private readonly List<UdpTransport> _udp = [];
    private readonly List<TcpTransport> _tcp = [];

    public SipTransportLayer(TransportOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        int count = Math.Max(1, options.ReceivePartitions);
        _partitions = Enumerable.Range(0, count)
            .Select(_ => Channel.CreateBounded<IncomingMessage>(new BoundedChannelOptions(Math.Max(1, options.ReceiveQueueCapacity / count))
            {
                FullMode = BoundedChannelFullMode.Wait,
                SingleWriter = false,
                SingleReader = true,
            }))
            .ToArray();
    }

    /// <summary>
    /// One bounded queue per partition, each meant for one reader. All messages of a call (same Call-ID)
    /// land in the same partition, so a CANCEL can never overtake its INVITE, nor a BYE its ACK.
    /// </summary>
    public IReadOnlyList<ChannelReader<IncomingMessage>> IncomingPartitions => _partitions.Select(p => p.Reader).ToArray();

    private Channel<IncomingMessage> PartitionOf(IncomingMessage message) =>
        _partitions.Length == 1 ? _partitions[0] : _partitions[(int)((uint)message.Message.CallIdHash % (uint)_partitions.Length)];

    /// <summary>Every bound socket, with the port the OS chose when 0 was asked for.</summary>
    public IReadOnlyList<SipEndPoint> LocalEndPoints =>
        _udp.Select(u => new SipEndPoint(TransportProtocol.Udp, u.LocalEndPoint))
            .Concat(_tcp.Select(t => new SipEndPoint(t.Protocol, t.LocalEndPoint)))
            .ToArray();

    public void Start()
    {
        foreach (var endPoint in _options.ListenEndPoints)
        {
            if (_options.Protocols.Contains(TransportProtocol.Udp))
            {
                _udp.Add(new UdpTransport(endPoint, _options, m => PartitionOf(m).Writer.TryWrite(m), _logger));
            }

            if (_options.Protocols.Contains(TransportProtocol.Tcp))
            {
                // Binding UDP first lets TCP reuse the port the OS chose for it when port 0 was asked for.
                var tcpEndPoint = endPoint.Port == 0 && _udp.Count > 0 ? new IPEndPoint(endPoint.Address, _udp[^1].LocalEndPoint.Port) : endPoint;
                _tcp.Add(CreateTcp(tcpEndPoint, endPoint));
            }
        }

        foreach (var udp in _udp) udp.Start();
        foreach (var tcp in _tcp) tcp.Start();
    }

    private TcpTransport CreateTcp(IPEndPoint preferred, IPEndPoint fallback)
    {
        try
        {
            return new TcpTransport(preferred, _options, _time, m => PartitionOf(m).Writer.WriteAsync(m), _logger);
        }
        catch (SocketException) when (!preferred.Equals(fallback))
        {
            return new TcpTransport(fallback, _options, _time, m => PartitionOf(m).Writer.WriteAsync(m), _logger);
        }
    }

    public async ValueTask<bool> SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (destination.Protocol == TransportProtocol.Udp)
        {
            var udp = _udp.FirstOrDefault(u => u.LocalEndPoint.AddressFamily == destination.Address.AddressFamily);
            return udp is not null && await udp.SendAsync(message.Raw, destination.Address, cancellationToken).ConfigureAwait(false);
        }

        var tcp = _tcp.FirstOrDefault(t => t.LocalEndPoint.AddressFamily == destination.Address.AddressFamily);
        return tcp is not null && await tcp.SendAsync(message.Raw, destination.Address, connectIfNeeded: true, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> SendResponseAsync(SipMessage response, SipEndPoint requestSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (requestSource.IsReliable)
        {
            var tcp = _tcp.FirstOrDefault(t => t.LocalEndPoint.AddressFamily == requestSource.Address.AddressFamily);
            if (tcp is not null && await tcp.SendAsync(response.Raw, requestSource.Address, connectIfNeeded: false, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        ViaHeader via;
        try
        {
            via = response.TopVia;
        }
        catch (FormatException)
        {
            return false;
        }

        return ResponseRouting.TryGetDestination(via, out var destination)
            && await SendAsync(response, destination, cancellationToken).ConfigureAwait(false);
    }

    public SipEndPoint GetLocalEndPoint(TransportProtocol protocol, IPAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var family = destination.AddressFamily;
        IPEndPoint? local = protocol == TransportProtocol.Udp
            ? _udp.FirstOrDefault(u => u.LocalEndPoint.AddressFamily == family)?.LocalEndPoint
            : _tcp.FirstOrDefault(t => t.LocalEndPoint.AddressFamily == family)?.LocalEndPoint;
        local ??= _udp.Select(u => u.LocalEndPoint).Concat(_tcp.Select(t => t.LocalEndPoint)).FirstOrDefault()
            ?? throw new InvalidOperationException("no transport is listening");
        return new SipEndPoint(protocol, Advertised(local, destination));
    }

    /// <summary>A socket bound to "any" cannot be put in a Via; advertise the loopback or the destination's family instead.</summary>
    private static IPEndPoint Advertised(IPEndPoint local, IPAddress destination)
    {
        if (!local.Address.Equals(IPAddress.Any) && !local.Address.Equals(IPAddress.IPv6Any)) return local;
        var address = IPAddress.IsLoopback(destination) ? destination : local.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : IPAddress.IPv6Loopback;
        return new IPEndPoint(address, local.Port);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var partition in _partitions) partition.Writer.TryComplete();
        foreach (var udp in _udp) await udp.DisposeAsync().ConfigureAwait(false);
        foreach (var tcp in _tcp) await tcp.DisposeAsync().ConfigureAwait(false);
    }
}
