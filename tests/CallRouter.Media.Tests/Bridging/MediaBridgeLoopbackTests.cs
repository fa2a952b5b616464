using System.Net;
using System.Net.Sockets;
using CallRouter.Media.Codecs;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.Media.Tests.Bridging;

/// <summary>
/// Real UDP on 127.0.0.1: two "phones" (plain sockets) talk through two gateway sessions and a
/// bridge. Opens sockets, so it is named Loopback; it waits for packets, never for time.
/// </summary>
public class MediaBridgeLoopbackTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(RtpSocketMode.Async)]
    [InlineData(RtpSocketMode.Epoll)]
    public async Task Loopback_PcmuCallerBridgedToPcmaAgent_EveryPacketArrivesTranscodedWithAgentLegSsrc(RtpSocketMode socketMode)
    {
        var ports = socketMode == RtpSocketMode.Async ? 26000 : 26500;
        var engine = new MediaEngine(new MediaEngineOptions { PortRangeStart = ports, PortRangeEnd = ports + 499, RtpSocketMode = socketMode }, TimeProvider.System);
        Assert.Equal(socketMode, engine.SocketMode);
        using var callerPhone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var agentPhone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        callerPhone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        agentPhone.Bind(new IPEndPoint(IPAddress.Loopback, 0));

        await using var callerLeg = engine.CreateSession();
        await using var agentLeg = engine.CreateSession();
        Answer(callerLeg, callerPhone, G711Law.MuLaw);
        Answer(agentLeg, agentPhone, G711Law.ALaw);
        using var bridge = MediaBridge.Connect(callerLeg, agentLeg);

        var gatewayCallerPort = new IPEndPoint(IPAddress.Loopback, callerLeg.LocalPort);
        var payload = Enumerable.Repeat(G711.EncodeMuLaw(2500), 160).ToArray();
        for (ushort seq = 0; seq < 20; seq++)
        {
            callerPhone.SendTo(TestSupport.Rtp.Packet(0, seq, (uint)(seq * 160), 0xCA11, payload), gatewayCallerPort);
        }

        var buffer = new byte[1500];
        var received = new List<RtpHeader>();
        using var timeout = new CancellationTokenSource(Bound);
        while (received.Count < 20)
        {
            var length = await agentPhone.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
            Assert.All(packet.Payload.ToArray(), b => Assert.Equal(G711.MuLawToALaw(G711.EncodeMuLaw(2500)), b));
            received.Add(packet.Header);
        }

        Assert.All(received, h => Assert.Equal(8, h.PayloadType));
        Assert.Single(received.Select(h => h.Ssrc).Distinct());
        Assert.NotEqual(0xCA11u, received[0].Ssrc);
        Assert.True(callerLeg.Rtp.IsLatched);
    }

    private static void Answer(MediaSession session, Socket phone, G711Law law)
    {
        var phoneEndPoint = (IPEndPoint)phone.LocalEndPoint!;
        var offer = SdpNegotiator.CreateOffer(new MediaCapabilities(IPAddress.Loopback) { Codecs = [law] }, phoneEndPoint.Port);
        Assert.True(session.AcceptOffer(offer).IsAccepted);
    }
}
