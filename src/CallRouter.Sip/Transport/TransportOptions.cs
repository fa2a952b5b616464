using System.Net;

namespace CallRouter.Sip.Transport;

/// <summary>Limits and listen addresses for the transport layer.</summary>
public sealed class TransportOptions
{
    /// <summary>Where to listen; each entry gets a UDP and/or TCP socket per <see cref="Protocols"/>. Port 0 picks a free port.</summary>
    public IList<IPEndPoint> ListenEndPoints { get; } = [];

    public IList<TransportProtocol> Protocols { get; } = [TransportProtocol.Udp, TransportProtocol.Tcp];

    /// <summary>Largest message accepted on any transport; larger ones get 513 (or 413 when the body alone is too large) and, on TCP, a closed connection.</summary>
    public int MaxMessageSize { get; set; } = 65_535;

    /// <summary>A TCP connection with no traffic for this long is closed (RFC 3261 §18.4 leaves it to the implementation).</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed to open an outgoing TCP connection.</summary>
    public TimeSpan TcpConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Accepted plus outgoing TCP connections; new ones beyond this are refused.</summary>
    public int MaxTcpConnections { get; set; } = 1024;

    /// <summary>Messages waiting for the transaction layer; UDP drops beyond it (the sender retransmits), TCP waits.</summary>
    public int ReceiveQueueCapacity { get; set; } = 8192;

    /// <summary>Independent receive queues (messages are spread by Call-ID); one reader each.</summary>
    public int ReceivePartitions { get; set; } = 1;

    /// <summary>The TLS seam: wraps a connected stream (server side when the bool is true). Null means plain TCP.</summary>
    public Func<Stream, bool, CancellationToken, ValueTask<Stream>>? StreamWrapper { get; set; }
}
