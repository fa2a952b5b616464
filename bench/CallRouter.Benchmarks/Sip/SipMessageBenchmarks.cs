using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using CallRouter.Sip.Message;

namespace CallRouter.Benchmarks.Sip;

/// <summary>
/// Parse and canonical serialize of the shared 735-byte INVITE with SDP and of a 200 OK.
/// Parse benchmarks touch the values a transaction layer reads first (Call-ID, CSeq, top Via branch
/// is left lazy on purpose: that is the design being measured).
/// </summary>
[MemoryDiagnoser]
public class SipMessageBenchmarks
{
    private const string OkText =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.10\r\n" +
        "To: \"Bob\" <sip:bob@example.com>;tag=a6c85cf\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@192.0.2.10\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:bob@192.0.2.4>\r\n" +
        "Content-Length: 0\r\n\r\n";

    private byte[] _invite = [];
    private byte[] _ok = [];
    private SipMessage _parsedInvite = null!;
    private SipMessage _parsedOk = null!;
    private readonly ArrayBufferWriter<byte> _writer = new(4096);

    [GlobalSetup]
    public void Setup()
    {
        _invite = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "bench-data", "invite-with-sdp.sip"));
        _ok = Encoding.ASCII.GetBytes(OkText);
        SipParser.Parse(_invite, SipFraming.Datagram, out var invite);
        SipParser.Parse(_ok, SipFraming.Datagram, out var ok);
        _parsedInvite = invite ?? throw new InvalidOperationException("bench-data INVITE does not parse");
        _parsedOk = ok ?? throw new InvalidOperationException("200 OK does not parse");
    }

    [Benchmark]
    public SipMessage? ParseInvite()
    {
        SipParser.Parse(_invite, SipFraming.Datagram, out var message);
        return message;
    }

    [Benchmark]
    public SipMessage? Parse200Ok()
    {
        SipParser.Parse(_ok, SipFraming.Datagram, out var message);
        return message;
    }

    [Benchmark]
    public int SerializeInvite()
    {
        _writer.ResetWrittenCount();
        SipSerializer.Write(_parsedInvite, _writer);
        return _writer.WrittenCount;
    }

    [Benchmark]
    public int Serialize200Ok()
    {
        _writer.ResetWrittenCount();
        SipSerializer.Write(_parsedOk, _writer);
        return _writer.WrittenCount;
    }
}
