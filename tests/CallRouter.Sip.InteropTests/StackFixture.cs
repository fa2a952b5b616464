using System.Net;
using System.Text;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Sip.InteropTests;

/// <summary>Starts a CallRouter SIP stack on a free loopback port (UDP and TCP share it).</summary>
internal static class StackFixture
{
    public static readonly byte[] AnswerSdp = Encoding.ASCII.GetBytes(
        "v=0\r\no=callrouter 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n");

    public static async Task<SipStack> StartAsync(Action<SipStackOptions>? configure = null)
    {
        var options = new SipStackOptions { ListenAddresses = ["127.0.0.1:0"] };
        configure?.Invoke(options);
        var stack = new SipStack(options);
        await stack.StartAsync();
        return stack;
    }

    public static int Port(this SipStack stack, TransportProtocol protocol) =>
        stack.LocalEndPoints.First(e => e.Protocol == protocol).Address.Port;

    public static SipEndPoint Loopback(TransportProtocol protocol, int port) => new(protocol, new IPEndPoint(IPAddress.Loopback, port));

    /// <summary>Polls <paramref name="condition"/> for up to <paramref name="limit"/>; interop tests wait on real sockets.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(50);
        }

        return true;
    }
}
