using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using CallRouter.Media;
using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.MediaLoad;

/// <summary>
/// One bounded run: in bridged mode a MediaEngine with two sessions per call joined by a
/// MediaBridge (this process is "the gateway"); the phones run in a child process so the CPU
/// and scheduling figures of each side are its own.
/// </summary>
internal static class GatewaySide
{
    public static async Task<LoadReport> RunAsync(LoadSettings settings, int calls, bool bridged, RtpSocketMode socketMode)
    {
        using var phones = ChildProcess.Start(PhoneProcess.Role, settings, calls);
        var sessions = new List<MediaSession>();
        var bridges = new List<MediaBridge>();
        try
        {
            var phonePorts = ChildProcess.ReadLine(phones, "PHONES").Split(' ').Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            var targets = new int[calls * 2];
            MediaEngine? engine = null;
            if (bridged)
            {
                var options = new MediaEngineOptions
                {
                    PortRangeStart = settings.PortRangeStart,
                    PortRangeEnd = settings.PortRangeEnd,
                    RtpSocketMode = socketMode,
                    DatagramsPerWakeup = settings.DatagramsPerWakeup,
                };
                engine = new MediaEngine(
                    settings.ReceiveThreads is { } threads ? options with { RtpReceiveThreads = threads } : options,
                    TimeProvider.System,
                    PromptLibrary.LoadEmbedded());
            }

            for (var call = 0; call < calls; call++)
            {
                // Stream 2i is call i's caller phone, 2i+1 its agent phone; stream j sends from phone socket j % K.
                var callerPhone = phonePorts[(2 * call) % phonePorts.Length];
                var agentPhone = phonePorts[((2 * call) + 1) % phonePorts.Length];
                if (engine is not null)
                {
                    var callerLeg = Answered(engine, callerPhone);
                    var agentLeg = Answered(engine, agentPhone);
                    sessions.Add(callerLeg);
                    sessions.Add(agentLeg);
                    bridges.Add(MediaBridge.Connect(callerLeg, agentLeg));
                    targets[2 * call] = callerLeg.LocalPort;
                    targets[(2 * call) + 1] = agentLeg.LocalPort;
                }
                else
                {
                    targets[2 * call] = agentPhone;
                    targets[(2 * call) + 1] = callerPhone;
                }
            }

            await phones.StandardInput.WriteLineAsync("TARGETS " + string.Join(' ', targets)).ConfigureAwait(false);
            await phones.StandardInput.FlushAsync().ConfigureAwait(false);

            ChildProcess.ReadLine(phones, "MEASURE-START");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wallBefore = Stopwatch.GetTimestamp();
            ChildProcess.ReadLine(phones, "MEASURE-END");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var wall = Stopwatch.GetElapsedTime(wallBefore);
            var result = JsonSerializer.Deserialize<PhoneReport>(ChildProcess.ReadLine(phones, "RESULT")["RESULT ".Length..])
                ?? throw new InvalidOperationException("Empty RESULT from the phone process.");
            ChildProcess.WaitOrKill(phones);

            var sockets = !bridged ? "-"
                : socketMode == RtpSocketMode.Async ? "async"
                : string.Create(CultureInfo.InvariantCulture, $"epoll(threads={engine!.Options.RtpReceiveThreads},budget={settings.DatagramsPerWakeup})");
            if (settings.PhoneBatchingDelay > TimeSpan.Zero)
            {
                sockets += string.Create(CultureInfo.InvariantCulture, $" phone-batch={settings.PhoneBatchingDelay.TotalMicroseconds}us");
            }

            return new LoadReport(
                bridged ? "bridged" : "direct",
                sockets,
                calls,
                result,
                bridged ? 100.0 * cpu.TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount : double.NaN,
                bridges.Sum(b => b.PacketsRelayed));
        }
        finally
        {
            if (!phones.HasExited)
            {
                phones.Kill();
            }

            foreach (var session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A gateway leg whose peer is the phone or listener socket at <paramref name="phonePort"/> (PCMU only).</summary>
    internal static MediaSession Answered(MediaEngine engine, int phonePort)
    {
        var session = engine.CreateSession();
        var offer = SdpNegotiator.CreateOffer(new MediaCapabilities(IPAddress.Loopback) { Codecs = [G711Law.MuLaw] }, phonePort);
        if (!session.AcceptOffer(offer).IsAccepted)
        {
            throw new InvalidOperationException("Load offer refused.");
        }

        return session;
    }
}
