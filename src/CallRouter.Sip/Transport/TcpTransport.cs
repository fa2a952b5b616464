using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace CallRouter.Sip.Transport;

/// <summary>A TCP listener plus the table of open connections (accepted and outgoing), with idle time-outs.</summary>
internal sealed class TcpTransport : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<IncomingMessage, ValueTask> _deliver;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IPEndPoint, TcpConnection> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _idleSweep;
    private Task _acceptLoop = Task.CompletedTask;

    public TcpTransport(IPEndPoint listen, TransportOptions options, TimeProvider time, Func<IncomingMessage, ValueTask> deliver, ILogger logger)
    {
        Options = options;
        Time = time;
        _deliver = deliver;
        _logger = logger;
        Inbound = new InboundProcessor(logger);
        Protocol = options.StreamWrapper is null ? TransportProtocol.Tcp : TransportProtocol.Tls;
        _listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(listen);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    public TransportOptions Options { get; }

    public TimeProvider Time { get; }

    public InboundProcessor Inbound { get; }

    public TransportProtocol Protocol { get; }

    public IPEndPoint LocalEndPoint { get; }

    public int ConnectionCount => _connections.Count;

    public void Start()
    {
        _listener.Listen(512);
        TransportLog.Listening(_logger, Protocol, LocalEndPoint);
        _acceptLoop = Task.Run(AcceptLoopAsync);
        var sweep = Options.TcpIdleTimeout / 4;
        _idleSweep = Time.CreateTimer(_ => CloseIdle(), null, sweep, sweep);
    }

    public ValueTask DeliverAsync(IncomingMessage message) => _deliver(message);

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, bool connectIfNeeded, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(remote, out var open) && !open.IsClosed)
        {
            return await open.SendAsync(data, cancellationToken).ConfigureAwait(false);
        }

        if (!connectIfNeeded) return false;
        var connection = await ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        return connection is not null && await connection.SendAsync(data, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TcpConnection?> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (_connections.Count >= Options.MaxTcpConnections)
        {
            TransportLog.ConnectionLimit(_logger, remote);
            return null;
        }

        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // The connect time-out runs on the injected clock, like every other timer in the stack.
        using var deadline = new CancellationTokenSource(Options.TcpConnectTimeout, Time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token, deadline.Token);
        try
        {
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
            return await AdoptAsync(socket, isServer: false, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            TransportLog.SendFailed(_logger, new SipEndPoint(Protocol, remote), ex);
            socket.Dispose();
            return null;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (_connections.Count >= Options.MaxTcpConnections)
            {
                TransportLog.ConnectionLimit(_logger, socket.RemoteEndPoint as IPEndPoint);
                socket.Dispose();
                continue;
            }

            socket.NoDelay = true;
            try
            {
                await AdoptAsync(socket, isServer: true, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                socket.Dispose();
            }
        }
    }

    private async Task<TcpConnection> AdoptAsync(Socket socket, bool isServer, CancellationToken cancellationToken)
    {
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (Options.StreamWrapper is { } wrap)
        {
            stream = await wrap(stream, isServer, cancellationToken).ConfigureAwait(false);
        }

        var connection = new TcpConnection(stream, (IPEndPoint)socket.RemoteEndPoint!, (IPEndPoint)socket.LocalEndPoint!, this, Time.GetTimestamp());
        _connections[connection.Remote] = connection;
        connection.Start();
        return connection;
    }

    internal void Forget(TcpConnection connection, string reason)
    {
        _connections.TryRemove(new KeyValuePair<IPEndPoint, TcpConnection>(connection.Remote, connection));
        TransportLog.ConnectionClosed(_logger, connection.Remote, reason);
    }

    /// <summary>One sweep closes every connection idle for longer than the time-out (a heartbeat, as Kestrel does).</summary>
    internal void CloseIdle()
    {
        long now = Time.GetTimestamp();
        foreach (var connection in _connections.Values)
        {
            if (Time.GetElapsedTime(connection.LastActivity, now) >= Options.TcpIdleTimeout)
            {
                _ = connection.CloseAsync("idle");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _idleSweep?.Dispose();
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
