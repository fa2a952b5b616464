using System.Net;
using System.Net.Sockets;
using System.Text;
using CallRouter.Media;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CallRouter.Gateway.Tests;

/// <summary>The gateway over real loopback SIP, with a media engine whose only RTP port pair is already taken.</summary>
public sealed class CallerLegOverloadTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task NoMediaPortForCallersLeg_InviteGets503WithRetryAfterAndCoreHearsNothing()
    {
        // The test holds the one pair, as a busy gateway's live calls would.
        var (media, busy) = EngineWithItsOnlyPairTaken();
        await using var busyScope = busy;
        var routing = new FakeRoutingClient();
        var sipOptions = new SipStackOptions { ListenAddresses = ["127.0.0.1:0"], EnableTcp = false, RetryAfterSeconds = 7 };
        await using var gatewaySip = new SipStack(sipOptions);
        var gateway = new GatewayHostedService(gatewaySip, media, routing, Options.Create(new GatewayOptions()), TimeProvider.System,
            NullLogger<GatewayHostedService>.Instance);
        await gateway.StartAsync(CancellationToken.None);
        await using var switchSip = new SipStack(new SipStackOptions { ListenAddresses = ["127.0.0.1:0"], EnableTcp = false });
        await switchSip.StartAsync();

        var target = gatewaySip.LocalEndPoints[0];
        var call = switchSip.Call(new OutgoingCallOptions(SipUri.Parse($"sip:desk@{target.Address}"), target)
        {
            Sdp = Encoding.ASCII.GetBytes(Offer),
        });
        var response = await call.FinalResponse.WaitAsync(Limit);

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("7", response.GetHeader(HeaderKind.RetryAfter));
        Assert.Empty(routing.Registered);
        Assert.Empty(routing.Reports);
        await gateway.StoppingAsync(CancellationToken.None);
    }

    private const string Offer =
        "v=0\r\no=switch 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    /// <summary>A media engine whose range is one even/odd pair, and a session holding that pair.</summary>
    private static (MediaEngine Media, MediaSession Holder) EngineWithItsOnlyPairTaken()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port;
            using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                port = ((IPEndPoint)probe.LocalEndPoint!).Port & ~1;
            }

            var media = new MediaEngine(new MediaEngineOptions { PortRangeStart = port, PortRangeEnd = port + 1 }, TimeProvider.System);
            try
            {
                return (media, media.CreateSession());
            }
            catch (InvalidOperationException) when (attempt < 20)
            {
                // Another process took the pair between the probe and the bind: try another.
            }
        }
    }
}
