using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using CallRouter.Media;
using CallRouter.Media.Codecs;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.Benchmarks.Media;

/// <summary>
/// One packet's full trip over real loopback UDP: caller phone → gateway caller leg → bridge →
/// gateway agent leg → agent phone, measured one packet at a time (no queueing). The allocation
/// column covers the whole process, so it shows whether the socket receive path allocates per packet.
/// </summary>
[MemoryDiagnoser]
public class MediaLoopbackRelayBenchmarks
{
    private readonly byte[] _packet = new byte[RtpHeader.Size + 160];
    private readonly byte[] _receive = new byte[1500];
    private Socket _callerPhone = null!;
    private Socket _agentPhone = null!;
    private MediaSession _callerLeg = null!;
    private MediaSession _agentLeg = null!;
    private IPEndPoint _gatewayCallerLeg = null!;
    private ushort _sequence;

    /// <summary>The gateway's socket path: the portable async one or the Linux epoll one.</summary>
    [Params(RtpSocketMode.Async, RtpSocketMode.Epoll)]
    public RtpSocketMode Sockets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var engine = new MediaEngine(new MediaEngineOptions { PortRangeStart = 46000, PortRangeEnd = 46999, RtpSocketMode = Sockets }, TimeProvider.System, CallRouter.Media.Audio.PromptLibrary.LoadEmbedded());
        _callerPhone = Phone();
        _agentPhone = Phone();
        _agentPhone.ReceiveTimeout = 2000; // a lost packet fails the run instead of hanging it
        _callerLeg = engine.CreateSession();
        _agentLeg = engine.CreateSession();
        Answer(_callerLeg, _callerPhone);
        Answer(_agentLeg, _agentPhone);
        MediaBridge.Connect(_callerLeg, _agentLeg);
        _gatewayCallerLeg = new IPEndPoint(IPAddress.Loopback, _callerLeg.LocalPort);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _callerLeg.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _agentLeg.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _callerPhone.Dispose();
        _agentPhone.Dispose();
    }

    [Benchmark]
    public int RelayOnePacketOverUdp()
    {
        var seq = _sequence++;
        RtpPacket.Write(_packet, new RtpHeader(false, 0, seq, (uint)(seq * 160), 0xCA11), ReadOnlySpan<byte>.Empty);
        _callerPhone.SendTo(_packet, _gatewayCallerLeg);
        return _agentPhone.Receive(_receive);
    }

    private static Socket Phone()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static void Answer(MediaSession session, Socket phone)
    {
        var offer = SdpNegotiator.CreateOffer(new MediaCapabilities(IPAddress.Loopback) { Codecs = [G711Law.MuLaw] }, ((IPEndPoint)phone.LocalEndPoint!).Port);
        if (!session.AcceptOffer(offer).IsAccepted)
        {
            throw new InvalidOperationException("Benchmark offer refused.");
        }
    }
}
