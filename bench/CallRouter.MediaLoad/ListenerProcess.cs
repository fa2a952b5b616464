using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using CallRouter.Media.Rtp.Linux;

namespace CallRouter.MediaLoad;

/// <summary>
/// The listening phones of the playback mode: a few UDP sockets that only receive what the
/// gateway's players send (prompts, music), one epoll receive thread. Each stream is told apart by
/// its SSRC. Per stream it counts sequence gaps and measures how late each frame arrives against
/// the stream's own ideal schedule: arrival − (its RTP timestamp ÷ 8 kHz), less the smallest such
/// offset seen so far on that stream. A player that falls behind real time, or bunches frames,
/// shows up there. Protocol on stdin/stdout: "LISTENERS port…" out, "GO" in, then
/// "MEASURE-START", "MEASURE-END" and "RESULT {json}" out. Ends by itself.
/// </summary>
internal static class ListenerProcess
{
    public const string Role = "listeners";

    public static int Run(string[] args)
    {
        var settings = LoadSettings.Parse(args);
        if (!LinuxSockets.IsSupported)
        {
            Console.Error.WriteLine("The listener process needs Linux (epoll).");
            return 3;
        }

        var sockets = PhoneSockets.Bind(settings.PhoneSockets);
        PhoneSockets.Announce("LISTENERS", sockets);
        if (Console.ReadLine() != "GO")
        {
            throw new InvalidOperationException("Expected GO from the gateway side.");
        }

        var start = Stopwatch.GetTimestamp();
        var measureStart = start + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var measureEnd = measureStart + (long)(settings.Measure.TotalSeconds * Stopwatch.Frequency);
        var tally = new StreamTally(measureStart, measureEnd);

        var loop = EpollReceiverGroup.ForThreadCount(1).Next();
        var transports = sockets.Select(s => EpollRtpTransport.Create(s, loop, datagramsPerWakeup: 64)).ToList();
        var receiving = transports.Select(t => t.StartReceiving((datagram, _) => tally.Add(datagram))).ToList();

        Thread.Sleep(settings.Warmup);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine("MEASURE-START");
        Thread.Sleep(settings.Measure);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine("MEASURE-END");
        PhoneSockets.StopReceivingAfter(settings.Drain, transports, receiving); // the tally is final from here

        var report = new ListenerReport(
            tally.Streams,
            tally.Received,
            tally.Gaps,
            tally.Lateness.Percentile(0.50),
            tally.Lateness.Percentile(0.99),
            tally.Lateness.Percentile(0.999),
            tally.Lateness.Percentile(1.0),
            cpu.TotalSeconds,
            settings.Measure.TotalSeconds);
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(report));
        return 0;
    }

    /// <summary>Per-stream counting on the one receive thread (single writer).</summary>
    private sealed class StreamTally(long measureStart, long measureEnd)
    {
        private readonly Dictionary<uint, StreamState> _streams = [];

        public LatencyHistogram Lateness { get; } = new();

        public long Received { get; private set; }

        public long Gaps { get; private set; }

        public int Streams => _streams.Count;

        public void Add(ReadOnlySpan<byte> datagram)
        {
            if (datagram.Length < 12 || (datagram[0] >> 6) != 2 || (datagram[1] & 0x7F) >= 72)
            {
                return; // RTCP (payload types 72-76 with the marker bit folded in) or noise
            }

            var now = Stopwatch.GetTimestamp();
            var sequence = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
            var timestamp = BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]);
            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]);
            if (!_streams.TryGetValue(ssrc, out var stream))
            {
                stream = new StreamState { FirstTimestamp = timestamp, LastSequence = (ushort)(sequence - 1), MinOffset = long.MaxValue };
                _streams[ssrc] = stream;
            }

            var ideal = unchecked(timestamp - stream.FirstTimestamp) * Stopwatch.Frequency / 8000;
            var offset = now - (long)ideal;
            stream.MinOffset = Math.Min(stream.MinOffset, offset);
            var gap = unchecked((ushort)(sequence - stream.LastSequence - 1));
            stream.LastSequence = sequence;
            if (now < measureStart || now >= measureEnd)
            {
                return;
            }

            Received++;
            if (gap is > 0 and < 1000)
            {
                Gaps += gap;
            }

            Lateness.Add((offset - stream.MinOffset) * 1_000_000 / Stopwatch.Frequency);
        }
    }

    private sealed class StreamState
    {
        public uint FirstTimestamp { get; init; }

        public ushort LastSequence { get; set; }

        public long MinOffset { get; set; }
    }
}
