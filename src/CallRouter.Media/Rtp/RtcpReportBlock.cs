namespace CallRouter.Media.Rtp;

/// <summary>One reception report block (RFC 3550 §6.4.1): what a receiver observed about one source.</summary>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Size = 24;

    /// <summary>Fraction lost as a share (0–1) rather than the 1/256 fixed-point wire value.</summary>
    public double FractionLostRatio => FractionLost / 256.0;
}
