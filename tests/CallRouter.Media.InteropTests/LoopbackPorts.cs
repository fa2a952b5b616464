using System.Net;
using System.Net.Sockets;

namespace CallRouter.Media.InteropTests;

/// <summary>Ports that are free on 127.0.0.1 right now.</summary>
internal static class LoopbackPorts
{
    public static int FreeUdpAndTcp()
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

        throw new InvalidOperationException("no free loopback port found");
    }

    public static int FreeTcp()
    {
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)tcp.LocalEndPoint!).Port;
    }
}
