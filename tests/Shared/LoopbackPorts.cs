using System.Net;
using System.Net.Sockets;

namespace CallRouter.Testing;

internal static class LoopbackPorts
{
    /// <summary>A loopback port free for both UDP and TCP right now.</summary>
    public static int Free()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for TCP; try another.
            }
        }

        throw new InvalidOperationException("no free loopback port");
    }

    /// <summary>An even UDP port whose successor is free too (RTP + RTCP for a SIPp media port).</summary>
    public static int FreeMediaPair()
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
            probe.Dispose();
            try
            {
                using var rtp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                rtp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                using var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                rtcp.Bind(new IPEndPoint(IPAddress.Loopback, port + 1));
                return port;
            }
            catch (SocketException)
            {
                // Try another pair.
            }
        }

        throw new InvalidOperationException("no free RTP port pair");
    }
}
