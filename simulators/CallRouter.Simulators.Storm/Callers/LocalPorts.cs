using System.Net;
using System.Net.Sockets;

namespace CallRouter.Simulators.Storm.Callers;

/// <summary>UDP ports for SIPp on loopback: a SIP port and a media block of four (SIPp's audio and video echo pairs) that are free now.</summary>
internal static class LocalPorts
{
    // Below the agents' default RTP range (40000-49999) and above the test servers' (30000-30999).
    private static int s_next = 36000 + (Environment.ProcessId % 300) * 10;

    /// <summary>A block of <paramref name="count"/> consecutive free UDP ports starting at an even port; from <paramref name="preferred"/> when given.</summary>
    public static int FreeBlock(IPAddress address, int count, int preferred = 0)
    {
        if (preferred > 0)
        {
            return AllFree(address, preferred, count) ? preferred : throw new InvalidOperationException($"UDP ports {preferred}-{preferred + count - 1} are in use");
        }

        for (int attempt = 0; attempt < 2000; attempt++)
        {
            int start = Interlocked.Add(ref s_next, 10) - 10;
            if (start > 39980)
            {
                Interlocked.Exchange(ref s_next, 36000);
                continue;
            }

            if (AllFree(address, start, count)) return start;
        }

        throw new InvalidOperationException("no free block of UDP ports between 36000 and 39990");
    }

    private static bool AllFree(IPAddress address, int start, int count)
    {
        var sockets = new List<Socket>();
        try
        {
            for (int port = start; port < start + count; port++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(address, port));
            }

            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }
}
