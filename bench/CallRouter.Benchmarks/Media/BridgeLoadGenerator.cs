using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallRouter.Media;
using CallRouter.Media.Codecs;
using CallRouter.Media.Sdp;

namespace CallRouter.Benchmarks.Media;

/// <summary>
/// Bounded loopback load: N calls, each a caller phone and an agent phone (plain UDP sockets)
/// sending G.711 at 50 packets/s in each direction. In Bridged mode the phones talk through two
/// gateway MediaSessions joined by a MediaBridge; in Direct mode they send straight to each other,
/// which measures the generator's own cost and the bare loopback latency to subtract. Each packet
/// carries its send time, so one-way latency is measured per packet. Runs for a fixed time and stops.
/// </summary>
public sealed class BridgeLoadGenerator
{
    private const int PacketsPerSecond = 50;
    private const int HistogramMicroseconds = 1_000_000;

    private readonly int[] _histogram = new int[HistogramMicroseconds + 1];
    private long _received;
    private long _sent;
    private volatile bool _measuring;

    public static BridgeLoadResult Run(int calls, bool bridged, TimeSpan warmup, TimeSpan measure) =>
        new BridgeLoadGenerator().RunAsync(calls, bridged, warmup, measure).GetAwaiter().GetResult();

    private async Task<BridgeLoadResult> RunAsync(int calls, bool bridged, TimeSpan warmup, TimeSpan measure)
    {
        var engine = new MediaEngine(new MediaEngineOptions { PortRangeStart = 30000, PortRangeEnd = 39999 }, TimeProvider.System, CallRouter.Media.Audio.PromptLibrary.LoadEmbedded());
        var phones = new List<(Socket Phone, IPEndPoint Target)>();
        var sessions = new List<MediaSession>();
        using var stop = new CancellationTokenSource();
        var receivers = new List<Task>();
        try
        {
            for (var call = 0; call < calls; call++)
            {
                var caller = NewPhone();
                var agent = NewPhone();
                IPEndPoint callerTarget;
                IPEndPoint agentTarget;
                if (bridged)
                {
                    var callerLeg = engine.CreateSession();
                    var agentLeg = engine.CreateSession();
                    sessions.Add(callerLeg);
                    sessions.Add(agentLeg);
                    Answer(callerLeg, caller);
                    Answer(agentLeg, agent);
                    MediaBridge.Connect(callerLeg, agentLeg);
                    callerTarget = new IPEndPoint(IPAddress.Loopback, callerLeg.LocalPort);
                    agentTarget = new IPEndPoint(IPAddress.Loopback, agentLeg.LocalPort);
                }
                else
                {
                    callerTarget = (IPEndPoint)agent.LocalEndPoint!;
                    agentTarget = (IPEndPoint)caller.LocalEndPoint!;
                }

                phones.Add((caller, callerTarget));
                phones.Add((agent, agentTarget));
                receivers.Add(ReceiveLoopAsync(caller, stop.Token));
                receivers.Add(ReceiveLoopAsync(agent, stop.Token));
            }

            var sender = new Thread(() => SendLoop(phones, warmup + measure)) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            var cpuBefore = TimeSpan.Zero;
            var wallBefore = 0L;
            sender.Start();

            await Task.Delay(warmup).ConfigureAwait(false);
            cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            wallBefore = Stopwatch.GetTimestamp();
            _measuring = true;

            sender.Join();
            _measuring = false;
            var sentDuringMeasure = Interlocked.Read(ref _sent);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var wall = Stopwatch.GetElapsedTime(wallBefore);
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false); // let queued packets drain; later ones count as lost

            return new BridgeLoadResult(
                bridged ? "bridged" : "direct",
                calls,
                wall,
                sentDuringMeasure,
                Interlocked.Read(ref _received),
                Percentile(0.50),
                Percentile(0.99),
                Percentile(1.0),
                100.0 * cpu.TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var (phone, _) in phones)
            {
                phone.Dispose();
            }

            await Task.WhenAll(receivers).ConfigureAwait(false);
            foreach (var session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static Socket NewPhone()
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
            throw new InvalidOperationException("Load offer refused.");
        }
    }

    /// <summary>Sends one packet per phone per 20 ms, spread evenly over the period, against absolute deadlines.</summary>
    private void SendLoop(List<(Socket Phone, IPEndPoint Target)> phones, TimeSpan duration)
    {
        var packet = new byte[12 + 160]; // payload: send time (8 bytes), then a measured-window flag
        var sequences = new ushort[phones.Count];
        var start = Stopwatch.GetTimestamp();
        var period = Stopwatch.Frequency / PacketsPerSecond;
        var totalPeriods = (long)(duration.TotalSeconds * PacketsPerSecond);
        for (long tick = 0; tick < totalPeriods; tick++)
        {
            for (var i = 0; i < phones.Count; i++)
            {
                var due = start + (tick * period) + (period * i / phones.Count);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > Stopwatch.Frequency / 1000)
                {
                    Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                }

                var seq = sequences[i]++;
                packet[0] = 0x80;
                packet[1] = 0;
                BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), seq);
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(seq * 160));
                BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), (uint)i + 1);
                BinaryPrimitives.WriteInt64LittleEndian(packet.AsSpan(12), Stopwatch.GetTimestamp());

                // Only packets sent inside the measurement window are counted at either end.
                var measured = _measuring;
                packet[20] = measured ? (byte)1 : (byte)0;
                if (measured)
                {
                    Interlocked.Increment(ref _sent);
                }

                try
                {
                    phones[i].Phone.SendTo(packet, phones[i].Target);
                }
                catch (SocketException)
                {
                    // A failed send is a lost packet: counted as sent, never received.
                }
            }
        }
    }

    private async Task ReceiveLoopAsync(Socket phone, CancellationToken cancellationToken)
    {
        var buffer = new byte[1500];
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await phone.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (length < 21 || buffer[20] != 1)
            {
                continue;
            }

            var sentAt = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(12));
            var micros = (Stopwatch.GetTimestamp() - sentAt) * 1_000_000 / Stopwatch.Frequency;
            Interlocked.Increment(ref _histogram[Math.Clamp(micros, 0, HistogramMicroseconds)]);
            Interlocked.Increment(ref _received);
        }
    }

    private double Percentile(double fraction)
    {
        long total = 0;
        foreach (var count in _histogram)
        {
            total += count;
        }

        if (total == 0)
        {
            return double.NaN;
        }

        var target = (long)Math.Ceiling(total * fraction);
        long running = 0;
        for (var micros = 0; micros < _histogram.Length; micros++)
        {
            running += _histogram[micros];
            if (running >= target)
            {
                return micros;
            }
        }

        return HistogramMicroseconds;
    }
}
