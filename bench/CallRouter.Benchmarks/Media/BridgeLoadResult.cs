using System.Globalization;

namespace CallRouter.Benchmarks.Media;

/// <summary>Figures of one bounded loopback load run.</summary>
public sealed record BridgeLoadResult(
    string Mode,
    int Calls,
    TimeSpan Measured,
    long Sent,
    long Received,
    double LatencyP50Microseconds,
    double LatencyP99Microseconds,
    double LatencyMaxMicroseconds,
    double ProcessCpuPercentOfMachine)
{
    public double LossPercent => Sent == 0 ? 0 : 100.0 * Math.Max(0, Sent - Received) / Sent;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"MEDIA-LOAD mode={Mode} calls={Calls} packets/s={Sent / Measured.TotalSeconds:F0} sent={Sent} received={Received} loss={LossPercent:F3}% " +
        $"latency p50={LatencyP50Microseconds:F0}us p99={LatencyP99Microseconds:F0}us max={LatencyMaxMicroseconds:F0}us cpu={ProcessCpuPercentOfMachine:F1}%");
}
