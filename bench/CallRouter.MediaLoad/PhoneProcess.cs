using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CallRouter.Media.Rtp.Linux;

namespace CallRouter.MediaLoad;

/// <summary>
/// The phones: 2 × calls G.711 streams at 50 packets/s, spread evenly over each 20 ms period
/// against absolute deadlines, sent from a few shared UDP sockets (a stream is identified by its
/// payload), and received through the media library's epoll path so the generator stays cheap.
/// Each packet carries its send time; the receiving side records one-way latency. Protocol with
/// the gateway side on stdin/stdout: "PHONES port…" out, "TARGETS port…" in (one per stream),
/// then "MEASURE-START", "MEASURE-END" and "RESULT {json}" out. Ends by itself.
/// </summary>
internal static class PhoneProcess
{
    public const string Role = "phones";

    private const int PacketsPerSecond = 50;
    private const int PacketSize = 12 + 160;
    private const int SentAtOffset = 12;
    private const int MeasuredFlagOffset = 20;

    public static int Run(string[] args)
    {
        var settings = LoadSettings.Parse(args);
        var streams = settings.Calls[0] * 2;
        if (!LinuxSockets.IsSupported)
        {
            Console.Error.WriteLine("The phone process needs Linux (epoll).");
            return 3;
        }

        var sockets = PhoneSockets.Bind(settings.PhoneSockets);
        PhoneSockets.Announce("PHONES", sockets);
        var targets = ReadTargets(streams);

        var histogram = new LatencyHistogram();
        long unrecognised = 0;
        var loop = EpollReceiverGroup.ForThreadCount(1, settings.PhoneBatchingDelay).Next();
        var transports = sockets.Select(s => EpollRtpTransport.Create(s, loop, datagramsPerWakeup: 64)).ToList();
        var receiving = new List<Task>();
        foreach (var transport in transports)
        {
            // Runs on the one receive thread: the histogram has a single writer.
            receiving.Add(transport.StartReceiving((datagram, _) =>
            {
                if (datagram.Length != PacketSize || (datagram[1] & 0x7F) != 0)
                {
                    unrecognised++; // RTCP from a gateway session that picked this port as port + 1
                    return;
                }

                if (datagram[MeasuredFlagOffset] == 1)
                {
                    var sentAt = BinaryPrimitives.ReadInt64LittleEndian(datagram[SentAtOffset..]);
                    histogram.Add((Stopwatch.GetTimestamp() - sentAt) * 1_000_000 / Stopwatch.Frequency);
                }
            }));
        }

        var start = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 10);
        var measureStart = start + (long)(settings.Warmup.TotalSeconds * Stopwatch.Frequency);
        var sender = new PacedSender(sockets, targets, start, measureStart, settings.Warmup + settings.Measure);
        var thread = new Thread(sender.Run) { IsBackground = true, Name = "phones send", Priority = ThreadPriority.AboveNormal };
        thread.Start();

        SleepUntil(measureStart);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine("MEASURE-START");
        thread.Join();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var wall = Stopwatch.GetElapsedTime(measureStart);
        Console.WriteLine("MEASURE-END");
        PhoneSockets.StopReceivingAfter(settings.Drain, transports, receiving); // the histogram is final from here

        var report = new PhoneReport(
            sender.MeasuredSent,
            histogram.Count,
            histogram.Percentile(0.50),
            histogram.Percentile(0.99),
            histogram.Percentile(0.999),
            histogram.Percentile(1.0),
            cpu.TotalSeconds,
            wall.TotalSeconds,
            sender.LateOver1Ms,
            sender.MaxLateMilliseconds,
            Interlocked.Read(ref unrecognised));
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(report));
        return 0;
    }

    private static byte[][] ReadTargets(int streams)
    {
        var line = Console.ReadLine() ?? throw new InvalidOperationException("The gateway side closed stdin before sending TARGETS.");
        var parts = line.Split(' ');
        if (parts[0] != "TARGETS" || parts.Length != streams + 1)
        {
            throw new InvalidOperationException($"Expected TARGETS with {streams} ports.");
        }

        var targets = new byte[streams][];
        for (var j = 0; j < streams; j++)
        {
            var address = new byte[LinuxSockets.SocketAddressCapacity];
            var length = LinuxSockets.WriteSocketAddress(new IPEndPoint(IPAddress.Loopback, int.Parse(parts[j + 1], CultureInfo.InvariantCulture)), address);
            targets[j] = address[..length];
        }

        return targets;
    }

    private static void SleepUntil(long timestamp)
    {
        var wait = timestamp - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
        }
    }

    /// <summary>The sending thread: raw non-blocking sendto, no allocation, no exceptions per packet.</summary>
    private sealed class PacedSender(Socket[] sockets, byte[][] targets, long start, long measureStart, TimeSpan duration)
    {
        public long MeasuredSent { get; private set; }

        public long LateOver1Ms { get; private set; }

        public double MaxLateMilliseconds { get; private set; }

        public void Run()
        {
            var fds = sockets.Select(LinuxSockets.FileDescriptor).ToArray();
            var packet = new byte[PacketSize];
            var streams = targets.Length;
            var sequences = new ushort[streams];
            var period = Stopwatch.Frequency / PacketsPerSecond;
            var periods = (long)(duration.TotalSeconds * PacketsPerSecond);
            var oneMs = Stopwatch.Frequency / 1000;
            long maxLate = 0;
            for (long tick = 0; tick < periods; tick++)
            {
                for (var j = 0; j < streams; j++)
                {
                    var due = start + (tick * period) + (period * j / streams);
                    var now = Stopwatch.GetTimestamp();
                    if (due - now > oneMs)
                    {
                        // Sleep granularity is about a millisecond: wake a little early and send what is due.
                        Thread.Sleep((int)((due - now) / oneMs));
                        now = Stopwatch.GetTimestamp();
                    }

                    var late = now - due;
                    if (late > oneMs)
                    {
                        LateOver1Ms++;
                        maxLate = Math.Max(maxLate, late);
                    }

                    var sequence = sequences[j]++;
                    packet[0] = 0x80;
                    packet[1] = 0; // PCMU
                    BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
                    BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(sequence * 160));
                    BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)j + 1);
                    var measured = due >= measureStart;
                    packet[MeasuredFlagOffset] = measured ? (byte)1 : (byte)0;
                    BinaryPrimitives.WriteInt64LittleEndian(packet.AsSpan(SentAtOffset), Stopwatch.GetTimestamp());
                    if (measured)
                    {
                        MeasuredSent++; // a failed send is a lost packet: counted as sent, never received
                    }

                    LinuxSockets.SendTo(fds[j % fds.Length], packet, targets[j]);
                }
            }

            MaxLateMilliseconds = maxLate * 1000.0 / Stopwatch.Frequency;
        }
    }
}
