using System.Net;
using System.Net.Sockets;

namespace CallRouter.Media.Rtp;

/// <summary>Binds the UDP sockets of one RTP/RTCP port pair from the range; shared by both transports.</summary>
internal static class RtpSocketPair
{
    /// <summary>Binds RTP on an even port and RTCP on the next, skipping pairs another process holds.</summary>
    public static (Socket Rtp, Socket Rtcp, int Port) Bind(RtpPortAllocator allocator, IPAddress address)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            if (!allocator.TryAllocate(out var port))
            {
                break;
            }

            Socket? rtp = null;
            try
            {
                rtp = BindOne(address, port);
                var rtcp = BindOne(address, port + 1);
                return (rtp, rtcp, port);
            }
            catch (SocketException)
            {
                rtp?.Dispose();
                allocator.Release(port);
            }
        }

        throw new InvalidOperationException("No free RTP port pair in the configured range.");
    }

    private static Socket BindOne(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
