using System.Buffers.Binary;

namespace CallRouter.Media.Dtmf;

/// <summary>
/// The 4-byte RFC 4733 §2.3 event payload: event code, end bit, volume (dBm0 below zero) and
/// duration in timestamp units since the event's RTP timestamp.
/// </summary>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    public const int Size = 4;

    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value)
    {
        // Several events may be stacked (RFC 4733 §2.5.1.5 redundancy is a different format); we read the first.
        if (payload.Length < Size)
        {
            value = default;
            return false;
        }

        value = new TelephoneEvent(
            payload[0],
            (payload[1] & 0x80) != 0,
            (byte)(payload[1] & 0x3F),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    public int WriteTo(Span<byte> destination)
    {
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Size;
    }
}
