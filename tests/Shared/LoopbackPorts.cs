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

    /// <summary>
    /// A block of <paramref name="size"/> UDP ports in [<paramref name="regionStart"/>, <paramref name="regionEnd"/>)
    /// that nothing holds right now, for a process's RTP range. With one fixed range for every
    /// process started in tests, servers running side by side (and benchmark phones) compete for
    /// the same ports: the media allocator skips pairs another process holds but gives up after a
    /// few tries, and a failure is then hard to tell from a real one. Each block is probed with
    /// exclusive sockets. The region is below the ephemeral ports
    /// (32768 and up), so ports picked by the system do not land in it.
    /// </summary>
    public static (int Start, int End) FreeUdpBlock(int size, int regionStart, int regionEnd)
    {
        int blocks = (regionEnd - regionStart) / size;
        for (int attempt = 0; attempt < 50; attempt++)
        {
            int start = regionStart + (Random.Shared.Next(blocks) * size);
            if (IsUdpBlockFree(start, size))
            {
                return (start, start + size - 1);
            }
        }

        throw new InvalidOperationException($"no free block of {size} UDP ports in {regionStart}-{regionEnd}");
    }

    private static bool IsUdpBlockFree(int start, int size)
    {
        var probes = new List<Socket>(size);
        try
        {
            for (int port = start; port < start + size; port++)
            {
                var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ExclusiveAddressUse = true };
                probes.Add(probe);
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            foreach (var probe in probes)
            {
                probe.Dispose();
            }
        }
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
