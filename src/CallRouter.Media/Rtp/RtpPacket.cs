using System.Buffers.Binary;

namespace CallRouter.Media.Rtp;

/// <summary>
/// A view over one received RTP datagram: the header fields and the payload as a slice of the
/// caller's buffer. Parsing allocates nothing and trusts no length in the packet.
/// </summary>
public readonly ref struct RtpPacket
{
    private RtpPacket(RtpHeader header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    public RtpHeader Header { get; }

    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>
    /// Parses an RTP packet (RFC 3550 §5.1): version 2, CSRCs and extension skipped, padding
    /// removed. Returns false for anything that is not a well-formed RTP packet, including RTCP
    /// multiplexed on the same port (payload types 72–76 with the marker bit, RFC 5761 §4).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtpPacket packet)
    {
        packet = default;
        if (datagram.Length < RtpHeader.Size || (datagram[0] >> 6) != 2)
        {
            return false;
        }

        var hasPadding = (datagram[0] & 0x20) != 0;
        var hasExtension = (datagram[0] & 0x10) != 0;
        var csrcCount = datagram[0] & 0x0F;
        var payloadType = (byte)(datagram[1] & 0x7F);
        if (payloadType is >= 72 and <= 76)
        {
            return false;
        }

        var offset = RtpHeader.Size + (4 * csrcCount);
        if (hasExtension)
        {
            if (datagram.Length < offset + 4)
            {
                return false;
            }

            var extensionWords = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            offset += 4 + (4 * extensionWords);
        }

        var end = datagram.Length;
        if (hasPadding)
        {
            var padding = datagram[^1];
            if (padding == 0 || end - padding < offset)
            {
                return false;
            }

            end -= padding;
        }

        if (offset > end)
        {
            return false;
        }

        var header = new RtpHeader(
            Marker: (datagram[1] & 0x80) != 0,
            PayloadType: payloadType,
            SequenceNumber: BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            Timestamp: BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            Ssrc: BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]));
        packet = new RtpPacket(header, datagram[offset..end]);
        return true;
    }

    /// <summary>Writes header and payload into <paramref name="destination"/>; returns the datagram length.</summary>
    public static int Write(Span<byte> destination, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, RtpHeader.Size + payload.Length, nameof(destination));
        var length = header.WriteTo(destination);
        payload.CopyTo(destination[length..]);
        return length + payload.Length;
    }
}
