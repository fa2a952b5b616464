using System.Net;
using System.Net.Sockets;
using CallRouter.Sip.Message;
using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.Transport;

/// <summary>One UDP socket: each datagram is one message (RFC 3261 §18.3).</summary>
internal sealed class UdpTransport : IAsyncDisposable
{
    private const int MaxDatagram = 65_535;

    private readonly Socket _socket;
    private readonly TransportOptions _options;
    private readonly Func<IncomingMessage, bool> _deliver;
    private readonly InboundProcessor _inbound;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiveLoop = Task.CompletedTask;
    private long _dropped;

    public UdpTransport(IPEndPoint listen, TransportOptions options, Func<IncomingMessage, bool> deliver, ILogger logger)
    {
        _options = options;
        _deliver = deliver;
        _logger = logger;
        _inbound = new InboundProcessor(logger);
        _socket = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (listen.AddressFamily == AddressFamily.InterNetworkV6) _socket.DualMode = false;
        _socket.ReceiveBufferSize = 4 * 1024 * 1024;
        _socket.Bind(listen);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start()
    {
        TransportLog.Listening(_logger, TransportProtocol.Udp, LocalEndPoint);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendToAsync(data, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            TransportLog.SendFailed(_logger, new SipEndPoint(TransportProtocol.Udp, remote), ex);
            return false;
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // ICMP port-unreachable from an earlier send surfaces here on some platforms; keep receiving.
                continue;
            }

            try
            {
                Process(buffer.AsSpan(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing a peer sends may stop the receive loop.
                TransportLog.ReceiveLoopFailed(_logger, LocalEndPoint, ex);
            }
        }
    }

    private void Process(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        var remote = new SipEndPoint(TransportProtocol.Udp, source);
        byte[]? reply;
        if (datagram.Length > _options.MaxMessageSize)
        {
            reply = _inbound.Refuse(datagram, SipParseError.MessageTooLarge, remote);
        }
        else
        {
            // The message keeps its own copy: the receive buffer is reused for the next datagram.
            var copy = datagram.ToArray();
            var result = SipParser.Parse(copy, SipFraming.Datagram, out var message);
            if (result.Status == ParseStatus.KeepAlive || result.Status == ParseStatus.NeedMore)
            {
                return;
            }

            if (result.Status == ParseStatus.Invalid)
            {
                reply = _inbound.Refuse(copy, result.Error, remote);
            }
            else
            {
                var incoming = _inbound.Accept(message!, remote, LocalEndPoint, out reply);
                if (incoming is not null && !_deliver(incoming))
                {
                    // Under a flood this happens thousands of times a second: log the 1st, 2nd, 4th, 8th… drop only.
                    if (LogThrottle.ShouldLog(ref _dropped, out long dropped)) TransportLog.QueueFull(_logger, remote, dropped);
                }
            }
        }

        if (reply is not null)
        {
            _ = SendAsync(reply, source, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        await _receiveLoop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
