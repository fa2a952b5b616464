using BenchmarkDotNet.Attributes;
using CallRouter.Media.Rtp;

namespace CallRouter.Benchmarks.Media;

/// <summary>Per-packet RTP work on the media path: parse, write, jitter buffer.</summary>
[MemoryDiagnoser]
public class MediaRtpBenchmarks
{
    private readonly byte[] _datagram = new byte[RtpHeader.Size + 160];
    private readonly byte[] _output = new byte[1500];
    private readonly byte[] _payload = new byte[160];
    private readonly byte[] _frame = new byte[480];
    private readonly JitterBuffer _jitter = new(depth: 3);
    private ushort _sequence;

    [GlobalSetup]
    public void Setup()
    {
        RtpPacket.Write(_datagram, new RtpHeader(false, 0, 4242, 160 * 4242, 0x12345678), _payload);
        for (ushort s = 0; s < 3; s++)
        {
            _jitter.Push(s, (uint)(s * 160), _payload);
        }

        _sequence = 3;
    }

    [Benchmark]
    public int ParseRtpPacket()
    {
        RtpPacket.TryParse(_datagram, out var packet);
        return packet.Header.SequenceNumber + packet.Payload.Length;
    }

    [Benchmark]
    public int WriteRtpPacket() =>
        RtpPacket.Write(_output, new RtpHeader(true, 8, 17, 2720, 0xCAFEBABE), _payload);

    [Benchmark]
    public int JitterBufferPushPop()
    {
        var s = _sequence++;
        _jitter.Push(s, (uint)(s * 160), _payload);
        _jitter.Pop(_frame, out var length, out _);
        return length;
    }
}
