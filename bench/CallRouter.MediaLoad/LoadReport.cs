using System.Globalization;

namespace CallRouter.MediaLoad;

/// <summary>The figures of one run, printed as one MEDIA-LOAD line.</summary>
internal sealed record LoadReport(string Mode, string Sockets, int Calls, PhoneReport Phones, double GatewayCpuPercent, long Relayed)
{
    public double LossPercent => Phones.Sent == 0 ? 0 : 100.0 * Math.Max(0, Phones.Sent - Phones.Received) / Phones.Sent;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"MEDIA-LOAD mode={Mode} sockets={Sockets} calls={Calls} packets/s={Phones.Sent / Phones.WallSeconds:F0} sent={Phones.Sent} received={Phones.Received} " +
        $"loss={LossPercent:F3}% p50={Phones.P50Microseconds:F0}us p99={Phones.P99Microseconds:F0}us p99.9={Phones.P999Microseconds:F0}us max={Phones.MaxMicroseconds:F0}us " +
        $"gateway-cpu={GatewayCpuPercent:F1}% gateway-cpu-us/packet={GatewayCpuPercent / 100 * Environment.ProcessorCount * 1e6 / (Phones.Sent / Phones.WallSeconds):F2} phones-cpu={100.0 * Phones.CpuSeconds / Phones.WallSeconds / Environment.ProcessorCount:F1}% " +
        $"late-sends>1ms={Phones.SendsLateOver1Ms} max-send-late={Phones.MaxSendLateMilliseconds:F1}ms relayed={Relayed} unrecognised={Phones.Unrecognised}");
}
