namespace CallRouter.Media.Rtp;

/// <summary>A parsed SR or RR (RFC 3550 §6.4). <see cref="SenderInfo"/> is null for an RR.</summary>
public sealed record RtcpReport(uint Ssrc, RtcpSenderInfo? SenderInfo, IReadOnlyList<RtcpReportBlock> Blocks);
