using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CallRouter.Media;
using CallRouter.Media.Audio;

namespace CallRouter.MediaLoad;

/// <summary>
/// One bounded playback run: a MediaEngine with one session per player, each looping the shipped
/// hold music at real-time pace — what thousands of callers in the IVR or on hold cost the gateway.
/// The listeners run in a child process and report arrival, gaps and lateness.
/// </summary>
internal static class PlaybackRun
{
    public static async Task<PlaybackReport> RunAsync(LoadSettings settings, int players)
    {
        using var listeners = ChildProcess.Start(ListenerProcess.Role, settings, players);
        var sessions = new List<MediaSession>();
        using var stop = new CancellationTokenSource();
        var playing = new List<Task>();
        try
        {
            var ports = ChildProcess.ReadLine(listeners, "LISTENERS").Split(' ').Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            var engine = new MediaEngine(
                new MediaEngineOptions { PortRangeStart = settings.PortRangeStart, PortRangeEnd = settings.PortRangeEnd },
                TimeProvider.System,
                PromptLibrary.LoadEmbedded());
            var music = engine.Prompts.Get(PromptIds.HoldMusic);
            for (var i = 0; i < players; i++)
            {
                sessions.Add(GatewaySide.Answered(engine, ports[i % ports.Length]));
            }

            await listeners.StandardInput.WriteLineAsync("GO").ConfigureAwait(false);
            await listeners.StandardInput.FlushAsync().ConfigureAwait(false);

            // Started one after another like callers arriving, not all on the same 20 ms boundary.
            foreach (var session in sessions)
            {
                playing.Add(session.PlayAsync(music, new PlaybackOptions { Loop = true }, stop.Token));
            }

            ChildProcess.ReadLine(listeners, "MEASURE-START");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wallBefore = Stopwatch.GetTimestamp();
            ChildProcess.ReadLine(listeners, "MEASURE-END");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var wall = Stopwatch.GetElapsedTime(wallBefore);
            await stop.CancelAsync().ConfigureAwait(false);
            var result = JsonSerializer.Deserialize<ListenerReport>(ChildProcess.ReadLine(listeners, "RESULT")["RESULT ".Length..])
                ?? throw new InvalidOperationException("Empty RESULT from the listener process.");
            ChildProcess.WaitOrKill(listeners);
            return new PlaybackReport(
                players,
                result,
                100.0 * cpu.TotalSeconds / wall.TotalSeconds / Environment.ProcessorCount,
                (long)(players * 50 * result.WallSeconds));
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            if (!listeners.HasExited)
            {
                listeners.Kill();
            }

            foreach (var session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }

            await Task.WhenAll(playing).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false); // cancellations expected
        }
    }
}
