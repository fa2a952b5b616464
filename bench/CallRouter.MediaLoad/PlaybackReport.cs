using System.Globalization;

namespace CallRouter.MediaLoad;

/// <summary>The figures of one playback run, printed as one MEDIA-PLAYBACK line.</summary>
internal sealed record PlaybackReport(int Players, ListenerReport Listeners, double GatewayCpuPercent, long FramesExpected)
{
    /// <summary>Frames that should have arrived in the window but did not (negative counts as none).</summary>
    public double ShortfallPercent => FramesExpected == 0 ? 0 : 100.0 * Math.Max(0, FramesExpected - Listeners.Received) / FramesExpected;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"MEDIA-PLAYBACK players={Players} streams-heard={Listeners.Streams} frames/s={Listeners.Received / Listeners.WallSeconds:F0} expected={FramesExpected} received={Listeners.Received} " +
        $"shortfall={ShortfallPercent:F3}% gaps={Listeners.Gaps} late-p50={Listeners.LateP50Microseconds:F0}us late-p99={Listeners.LateP99Microseconds:F0}us " +
        $"late-p99.9={Listeners.LateP999Microseconds:F0}us late-max={Listeners.LateMaxMicroseconds:F0}us " +
        $"gateway-cpu={GatewayCpuPercent:F1}% gateway-cpu-us/frame={GatewayCpuPercent / 100 * Environment.ProcessorCount * 1e6 / (Listeners.Received / Listeners.WallSeconds):F2} " +
        $"listeners-cpu={100.0 * Listeners.CpuSeconds / Listeners.WallSeconds / Environment.ProcessorCount:F1}%");
}
