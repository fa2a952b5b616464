using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CallRouter.Sip.InteropTests.Transport;

/// <summary>A bare UDP/TCP peer for loopback transport tests: sends bytes, reads what comes back, bounded.</summary>
internal static class RawSipClient
{
    public static string Options(string sentBy, string branch, string extra = "") =>
        $"OPTIONS sip:callrouter@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {sentBy};branch={branch}{extra}\r\nMax-Forwards: 70\r\n" +
        $"To: <sip:callrouter@127.0.0.1>\r\nFrom: <sip:probe@127.0.0.1>;tag={branch}\r\nCall-ID: {branch}@test\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    public static async Task<string> UdpExchangeAsync(IPEndPoint server, string request, Func<int, string>? build = null)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        int localPort = ((IPEndPoint)socket.LocalEndPoint!).Port;
        await socket.SendToAsync(Encoding.UTF8.GetBytes(build?.Invoke(localPort) ?? request), server);
        var buffer = new byte[65535];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return Encoding.UTF8.GetString(buffer, 0, received);
    }

    public static async Task<TcpClient> ConnectAsync(IPEndPoint server)
    {
        var client = new TcpClient(server.AddressFamily);
        await client.ConnectAsync(server);
        return client;
    }

    /// <summary>Reads until <paramref name="count"/> SIP messages (by "\r\n\r\n" with empty bodies) arrived or the peer closed.</summary>
    public static async Task<string> ReadAsync(NetworkStream stream, int count, TimeSpan limit)
    {
        var text = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(limit);
        while (CountMessages(text.ToString()) < count)
        {
            int read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    private static int CountMessages(string text) => text.Split("SIP/2.0 ", StringSplitOptions.None).Length - 1;
}
