using System.Net;
using CallRouter.Media.Rtp;
using CallRouter.Media.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.Rtp;

public class RtpSessionTests
{
    private static readonly IPEndPoint SdpAddress = new(IPAddress.Parse("192.0.2.10"), 10000);
    private static readonly IPEndPoint NatAddress = new(IPAddress.Parse("203.0.113.5"), 61000);
    private static readonly IPEndPoint Stranger = new(IPAddress.Parse("198.51.100.66"), 5004);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeRtpTransport _rtp = new();
    private readonly FakeRtpTransport _rtcp = new(40001);

    private RtpSession NewSession()
    {
        var session = new RtpSession(_rtp, _rtcp, _time, new RtpSessionOptions { Ssrc = 0xAAAA });
        session.Configure(SdpAddress, [0, 101]);
        return session;
    }

    [Fact]
    public void Send_ThreePackets_SequenceIncrementsAndSsrcIsOurs()
    {
        var session = NewSession();
        session.Send(0, 160, true, new byte[160]);
        session.Send(0, 320, false, new byte[160]);
        session.Send(0, 480, false, new byte[160]);

        var headers = _rtp.SentHeaders();
        Assert.All(headers, h => Assert.Equal(0xAAAAu, h.Ssrc));
        Assert.Equal((ushort)(headers[0].SequenceNumber + 1), headers[1].SequenceNumber);
        Assert.Equal((ushort)(headers[0].SequenceNumber + 2), headers[2].SequenceNumber);
        Assert.Equal([true, false, false], headers.Select(h => h.Marker));
        Assert.All(_rtp.Sent, s => Assert.Equal(SdpAddress, s.Destination));
    }

    [Fact]
    public void ProcessRtp_FirstPacketFromNatAddress_LatchesAndSendsThere()
    {
        var session = NewSession();
        session.ProcessRtp(TestSupport.Rtp.Audio(1, 160), NatAddress);

        session.Send(0, 0, false, new byte[160]);

        Assert.True(session.IsLatched);
        Assert.Equal(NatAddress, _rtp.Sent.Single().Destination);
    }

    [Fact]
    public void ProcessRtp_StrangerWhileLatchedSourceActive_DroppedAndCounted()
    {
        var session = NewSession();
        var delivered = 0;
        session.PacketReceived = (in RtpPacket _) => delivered++;
        session.ProcessRtp(TestSupport.Rtp.Audio(1, 160), NatAddress);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        session.ProcessRtp(TestSupport.Rtp.Audio(2, 320, ssrc: 0x6666), Stranger);

        Assert.Equal(1, delivered);
        Assert.Equal(NatAddress, session.RemoteEndPoint);
        Assert.Equal(1, session.GetStatistics().PacketsFromUnexpectedSource);
    }

    [Fact]
    public void ProcessRtp_NewAddressAfterLatchedSourceSilent_Relatches()
    {
        var session = NewSession();
        session.ProcessRtp(TestSupport.Rtp.Audio(1, 160), NatAddress);

        // The NAT rebinds: the old mapping is silent for 2 s, then packets come from a new port.
        _time.Advance(TimeSpan.FromSeconds(2));
        var rebound = new IPEndPoint(NatAddress.Address, 61002);
        session.ProcessRtp(TestSupport.Rtp.Audio(2, 320), rebound);

        Assert.Equal(rebound, session.RemoteEndPoint);
    }

    [Fact]
    public void ProcessRtp_UnnegotiatedPayloadType_DroppedWithoutLatching()
    {
        var session = NewSession();
        var delivered = 0;
        session.PacketReceived = (in RtpPacket _) => delivered++;

        session.ProcessRtp(TestSupport.Rtp.Audio(1, 160, payloadType: 18), Stranger);

        Assert.Equal(0, delivered);
        Assert.False(session.IsLatched);
        Assert.Equal(SdpAddress, session.RemoteEndPoint);
    }

    [Fact]
    public void ProcessRtp_PacketDelivered_PayloadAndHeaderVisibleToHandler()
    {
        var session = NewSession();
        byte[]? payload = null;
        ushort sequence = 0;
        session.PacketReceived = (in RtpPacket p) =>
        {
            payload = p.Payload.ToArray();
            sequence = p.Header.SequenceNumber;
        };

        session.ProcessRtp(TestSupport.Rtp.Audio(77, 160, fill: 0x55), NatAddress);

        Assert.Equal(77, sequence);
        Assert.All(payload!, b => Assert.Equal(0x55, b));
    }

    [Fact]
    public void CurrentTimestamp_AfterOneSecond_AdvancedByClockRate()
    {
        var session = NewSession();
        var before = session.CurrentTimestamp();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(8000u, unchecked(session.CurrentTimestamp() - before));
    }

    [Fact]
    public void WriteRtcpReport_AfterSendingAndReceivingWithLoss_SenderReportCarriesLossBlock()
    {
        var session = NewSession();
        session.Send(0, 0, false, new byte[160]);
        foreach (ushort seq in new ushort[] { 1, 2, 3, 5, 6 })
        {
            session.ProcessRtp(TestSupport.Rtp.Audio(seq, seq * 160u, ssrc: 0x5555), NatAddress);
            _time.Advance(TimeSpan.FromMilliseconds(20));
        }

        var buffer = new byte[512];
        var length = session.WriteRtcpReport(buffer);

        Assert.True(RtcpCompoundPacket.TryParse(buffer.AsSpan(0, length), out var compound));
        var report = Assert.Single(compound.Reports);
        Assert.Equal(1u, report.SenderInfo!.Value.PacketCount);
        var block = Assert.Single(report.Blocks);
        Assert.Equal(0x5555u, block.Ssrc);
        Assert.Equal(1, block.CumulativeLost);
        Assert.Equal(6u, block.ExtendedHighestSequence);
    }

    [Fact]
    public void ProcessRtcp_PeerReportsOnOurSsrc_ExposedInStatistics()
    {
        var session = NewSession();
        session.ProcessRtp(TestSupport.Rtp.Audio(1, 160), NatAddress);
        var buffer = new byte[256];
        var block = new RtcpReportBlock(0xAAAA, 128, 25, 100, 160, 0, 0);
        var length = RtcpCompoundPacket.Write(buffer, 0x1234, null, [block], "peer");

        session.ProcessRtcp(buffer.AsSpan(0, length), new IPEndPoint(NatAddress.Address, 61001));

        var stats = session.GetStatistics();
        Assert.Equal(0.5, stats.RemoteFractionLost);
        Assert.Equal(25, stats.RemoteCumulativeLost);
        Assert.Equal(20.0, stats.RemoteJitterMs);
    }

    [Fact]
    public async Task DisposeAsync_ConfiguredSession_SendsRtcpByeAndClosesTransports()
    {
        var session = NewSession();
        session.Start();

        await session.DisposeAsync();

        var (data, destination) = Assert.Single(_rtcp.Sent);
        Assert.True(RtcpCompoundPacket.TryParse(data, out var compound));
        Assert.True(compound.HasBye);
        Assert.Equal(10001, destination.Port);
        Assert.True(_rtp.Disposed);
    }

    [Fact]
    public async Task Start_RtcpIntervalElapses_SendsReport()
    {
        var session = NewSession();
        session.Start();

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Single(_rtcp.Sent);
        await session.DisposeAsync();
    }
}
