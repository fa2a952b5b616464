using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.TestSupport;

/// <summary>Builds RTP datagrams for tests.</summary>
public static class Rtp
{
    public static byte[] Packet(byte payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload, bool marker = false)
    {
        var buffer = new byte[RtpHeader.Size + payload.Length];
        RtpPacket.Write(buffer, new RtpHeader(marker, payloadType, sequence, timestamp, ssrc), payload);
        return buffer;
    }

    public static byte[] Audio(ushort sequence, uint timestamp, uint ssrc = 0x1234, byte fill = 0xFF, byte payloadType = 0) =>
        Packet(payloadType, sequence, timestamp, ssrc, Enumerable.Repeat(fill, 160).ToArray());
}
