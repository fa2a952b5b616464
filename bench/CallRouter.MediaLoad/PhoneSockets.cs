using System.Net;
using System.Net.Sockets;

namespace CallRouter.MediaLoad;

/// <summary>The few loopback UDP sockets a child process's phones or listeners share, and how they are announced.</summary>
internal static class PhoneSockets
{
    /// <summary>Binds <paramref name="count"/> sockets to free loopback ports with 4 MB buffers.</summary>
    public static Socket[] Bind(int count)
    {
        var sockets = new Socket[count];
        for (var i = 0; i < sockets.Length; i++)
        {
            sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            {
                ReceiveBufferSize = 4 << 20, // a burst at 100,000 packets/s must not overflow while the receiver is descheduled
                SendBufferSize = 4 << 20,
            };
            sockets[i].Bind(new IPEndPoint(IPAddress.Loopback, 0));
        }

        return sockets;
    }

    /// <summary>
    /// Lets late packets arrive for <paramref name="drain"/>, then closes the receiving transports and waits until
    /// their loops have let go: nothing is delivered after this returns.
    /// </summary>
    public static void StopReceivingAfter(TimeSpan drain, IEnumerable<IDisposable> transports, IEnumerable<Task> receiving)
    {
        Thread.Sleep(drain);
        foreach (var transport in transports)
        {
            transport.Dispose();
        }

        Task.WaitAll(receiving);
    }

    /// <summary>Tells the gateway side the ports, e.g. "PHONES 40001 40002 …".</summary>
    public static void Announce(string tag, Socket[] sockets) =>
        Console.WriteLine(tag + " " + string.Join(' ', sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port)));
}
