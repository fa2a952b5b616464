namespace CallRouter.Media.Rtp;

/// <summary>The sender information of an SR (RFC 3550 §6.4.1): wall clock, media clock and counts.</summary>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>The middle 32 bits of the NTP timestamp, echoed back as LSR in report blocks.</summary>
    public uint CompactNtp => (uint)(NtpTimestamp >> 16);
}
