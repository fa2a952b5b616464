using System.Net;
using BenchmarkDotNet.Attributes;
using CallRouter.Media;
using CallRouter.Media.Codecs;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.Benchmarks.Media;

/// <summary>
/// One received RTP packet through the gateway: parse, latch check, statistics, bridge rewrite,
/// (optional) transcode and send on the other leg, with sockets replaced by a null transport.
/// </summary>
[MemoryDiagnoser]
public class MediaBridgeRelayBenchmarks
{
    private static readonly IPEndPoint CallerPhone = new(IPAddress.Parse("192.0.2.10"), 10000);
    private readonly byte[] _datagram = new byte[RtpHeader.Size + 160];
    private MediaSession _caller = null!;
    private MediaSession _agent = null!;
    private NullRtpTransport _agentTransport = null!;
    private ushort _sequence;

    [Params(false, true)]
    public bool Transcode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var engine = new MediaEngine(new MediaEngineOptions(), TimeProvider.System, CallRouter.Media.Audio.PromptLibrary.LoadEmbedded());
        _caller = engine.CreateSession(new NullRtpTransport(30000), null);
        _agentTransport = new NullRtpTransport(30002);
        _agent = engine.CreateSession(_agentTransport, null);
        Offer(_caller, CallerPhone, G711Law.MuLaw);
        Offer(_agent, new IPEndPoint(IPAddress.Parse("192.0.2.20"), 20000), Transcode ? G711Law.ALaw : G711Law.MuLaw);
        MediaBridge.Connect(_caller, _agent);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _caller.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _agent.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public long RelayOnePacket()
    {
        var seq = _sequence++;
        // Rewrite only the header; the 160 payload bytes after it stay as they are.
        RtpPacket.Write(_datagram, new RtpHeader(false, 0, seq, (uint)(seq * 160), 0xCA11), ReadOnlySpan<byte>.Empty);
        _caller.Rtp.ProcessRtp(_datagram, CallerPhone);
        return _agentTransport.SentBytes;
    }

    private static void Offer(MediaSession session, IPEndPoint phone, G711Law law)
    {
        var offer = SdpNegotiator.CreateOffer(new MediaCapabilities(phone.Address) { Codecs = [law] }, phone.Port);
        if (!session.AcceptOffer(offer).IsAccepted)
        {
            throw new InvalidOperationException("Benchmark offer refused.");
        }
    }
}
