using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace CallRouter.Media.Rtp;

/// <summary>
/// RTCP compound packets (RFC 3550 §6.1): reading SR, RR and BYE, and writing the SR or RR +
/// SDES CNAME (+ BYE) compound every report interval. RTCP is sent every few seconds, so
/// parsing returns small objects rather than spans.
/// </summary>
public sealed class RtcpCompoundPacket
{
    public const byte SenderReportType = 200;
    public const byte ReceiverReportType = 201;
    public const byte SourceDescriptionType = 202;
    public const byte ByeType = 203;

    private RtcpCompoundPacket(IReadOnlyList<RtcpReport> reports, bool hasBye)
    {
        Reports = reports;
        HasBye = hasBye;
    }

    public IReadOnlyList<RtcpReport> Reports { get; }

    public bool HasBye { get; }

    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out RtcpCompoundPacket? compound)
    {
        compound = null;
        var reports = new List<RtcpReport>();
        var hasBye = false;
        var first = true;
        while (datagram.Length > 0)
        {
            if (datagram.Length < 4 || (datagram[0] >> 6) != 2)
            {
                return false;
            }

            var count = datagram[0] & 0x1F;
            var type = datagram[1];
            var length = (BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]) + 1) * 4;
            if (length > datagram.Length || (first && type is not (SenderReportType or ReceiverReportType)))
            {
                // RFC 3550 §6.1: a compound packet starts with an SR or RR.
                return false;
            }

            var body = datagram[4..length];
            switch (type)
            {
                case SenderReportType:
                    if (!TryReadReport(body, count, withSenderInfo: true, out var sr))
                    {
                        return false;
                    }

                    reports.Add(sr);
                    break;
                case ReceiverReportType:
                    if (!TryReadReport(body, count, withSenderInfo: false, out var rr))
                    {
                        return false;
                    }

                    reports.Add(rr);
                    break;
                case ByeType:
                    hasBye = true;
                    break;
            }

            first = false;
            datagram = datagram[length..];
        }

        compound = new RtcpCompoundPacket(reports, hasBye);
        return true;
    }

    /// <summary>
    /// Writes SR (when <paramref name="senderInfo"/> is given) or RR, then SDES with the CNAME,
    /// then BYE when <paramref name="bye"/> is set. Returns the number of bytes written.
    /// </summary>
    public static int Write(Span<byte> destination, uint ssrc, RtcpSenderInfo? senderInfo, ReadOnlySpan<RtcpReportBlock> blocks, string cname, bool bye = false)
    {
        if (blocks.Length > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(blocks), "An RTCP report carries at most 31 blocks.");
        }

        var offset = 0;
        var reportLength = 8 + (senderInfo is null ? 0 : 20) + (blocks.Length * RtcpReportBlock.Size);
        WriteCommonHeader(destination, blocks.Length, senderInfo is null ? ReceiverReportType : SenderReportType, reportLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        offset = 8;
        if (senderInfo is { } info)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination[offset..], info.NtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 8)..], info.RtpTimestamp);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 12)..], info.PacketCount);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 16)..], info.OctetCount);
            offset += 20;
        }

        foreach (var block in blocks)
        {
            var span = destination[offset..];
            BinaryPrimitives.WriteUInt32BigEndian(span, block.Ssrc);
            var lost = Math.Clamp(block.CumulativeLost, -0x800000, 0x7FFFFF) & 0xFFFFFF;
            BinaryPrimitives.WriteUInt32BigEndian(span[4..], ((uint)block.FractionLost << 24) | (uint)lost);
            BinaryPrimitives.WriteUInt32BigEndian(span[8..], block.ExtendedHighestSequence);
            BinaryPrimitives.WriteUInt32BigEndian(span[12..], block.Jitter);
            BinaryPrimitives.WriteUInt32BigEndian(span[16..], block.LastSenderReport);
            BinaryPrimitives.WriteUInt32BigEndian(span[20..], block.DelaySinceLastSenderReport);
            offset += RtcpReportBlock.Size;
        }

        // SDES: one chunk (SSRC, CNAME item, end marker) padded to a 32-bit boundary.
        var cnameBytes = Encoding.ASCII.GetBytes(cname.Length > 255 ? cname[..255] : cname);
        var chunkLength = 4 + 2 + cnameBytes.Length + 1;
        chunkLength = (chunkLength + 3) & ~3;
        var sdes = destination[offset..];
        WriteCommonHeader(sdes, 1, SourceDescriptionType, 4 + chunkLength);
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], ssrc);
        sdes[8] = 1; // CNAME
        sdes[9] = (byte)cnameBytes.Length;
        cnameBytes.CopyTo(sdes[10..]);
        sdes[(10 + cnameBytes.Length)..(4 + 4 + chunkLength)].Clear();
        offset += 4 + chunkLength;

        if (bye)
        {
            WriteCommonHeader(destination[offset..], 1, ByeType, 8);
            BinaryPrimitives.WriteUInt32BigEndian(destination[(offset + 4)..], ssrc);
            offset += 8;
        }

        return offset;
    }

    private static void WriteCommonHeader(Span<byte> destination, int count, byte type, int lengthInBytes)
    {
        destination[0] = (byte)(0x80 | count);
        destination[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((lengthInBytes / 4) - 1));
    }

    private static bool TryReadReport(ReadOnlySpan<byte> body, int count, bool withSenderInfo, [NotNullWhen(true)] out RtcpReport? report)
    {
        report = null;
        var needed = 4 + (withSenderInfo ? 20 : 0) + (count * RtcpReportBlock.Size);
        if (body.Length < needed)
        {
            return false;
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(body);
        RtcpSenderInfo? info = null;
        var offset = 4;
        if (withSenderInfo)
        {
            info = new RtcpSenderInfo(
                BinaryPrimitives.ReadUInt64BigEndian(body[4..]),
                BinaryPrimitives.ReadUInt32BigEndian(body[12..]),
                BinaryPrimitives.ReadUInt32BigEndian(body[16..]),
                BinaryPrimitives.ReadUInt32BigEndian(body[20..]));
            offset = 24;
        }

        var blocks = new RtcpReportBlock[count];
        for (var i = 0; i < count; i++)
        {
            var span = body[(offset + (i * RtcpReportBlock.Size))..];
            var lossWord = BinaryPrimitives.ReadUInt32BigEndian(span[4..]);
            var cumulative = (int)(lossWord & 0xFFFFFF);
            if ((cumulative & 0x800000) != 0)
            {
                cumulative -= 0x1000000; // 24-bit signed
            }

            blocks[i] = new RtcpReportBlock(
                BinaryPrimitives.ReadUInt32BigEndian(span),
                (byte)(lossWord >> 24),
                cumulative,
                BinaryPrimitives.ReadUInt32BigEndian(span[8..]),
                BinaryPrimitives.ReadUInt32BigEndian(span[12..]),
                BinaryPrimitives.ReadUInt32BigEndian(span[16..]),
                BinaryPrimitives.ReadUInt32BigEndian(span[20..]));
        }

        report = new RtcpReport(ssrc, info, blocks);
        return true;
    }
}
