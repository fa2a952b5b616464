namespace CallRouter.Media.Rtp;

/// <summary>
/// Per-call media quality figures: what we sent, what we received (loss and jitter measured
/// here) and what the peer last reported about our stream in RTCP.
/// </summary>
public sealed record RtpStatistics(
    long PacketsSent,
    long OctetsSent,
    long PacketsReceived,
    long PacketsLost,
    double FractionLost,
    double JitterMs,
    long PacketsFromUnexpectedSource,
    double? RemoteFractionLost,
    double? RemoteJitterMs,
    long? RemoteCumulativeLost);
