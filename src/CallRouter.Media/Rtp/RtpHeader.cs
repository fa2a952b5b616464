using System.Buffers.Binary;

namespace CallRouter.Media.Rtp;

/// <summary>
/// The fixed RTP header fields (RFC 3550 §5.1) that the media path reads and writes. CSRC lists
/// and header extensions are skipped when parsing and never written: this product is an end
/// point and a relay that re-originates streams, not a mixer.
/// </summary>
public readonly record struct RtpHeader(
    bool Marker,
    byte PayloadType,
    ushort SequenceNumber,
    uint Timestamp,
    uint Ssrc)
{
    /// <summary>Size of the header this type writes: no CSRCs, no extension.</summary>
    public const int Size = 12;

    /// <summary>Writes the 12-byte header; returns the byte count written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Size, nameof(destination));
        destination[0] = 0x80; // version 2, no padding, no extension, no CSRCs
        destination[1] = (byte)((Marker ? 0x80 : 0) | (PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        return Size;
    }
}
