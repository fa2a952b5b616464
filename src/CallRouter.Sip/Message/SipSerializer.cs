using System.Buffers;
using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>
/// Canonical form of a message: single-space start line, long header names, folded values unfolded,
/// one space after each colon, Content-Length rewritten from the body. Writing needs no allocation
/// for messages without folded headers.
/// </summary>
public static class SipSerializer
{
    private static readonly byte[][] s_canonicalNames = Enum.GetValues<HeaderKind>()
        .Select(k => Encoding.ASCII.GetBytes(SipHeaderNames.CanonicalName(k)))
        .ToArray();

    public static byte[] ToBytes(SipMessage message)
    {
        var writer = new ArrayBufferWriter<byte>(message.Raw.Length + 32);
        Write(message, writer);
        return writer.WrittenSpan.ToArray();
    }

    public static void Write(SipMessage message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        var raw = message.Raw.Span;
        if (message.IsRequest)
        {
            int lineEnd = raw.IndexOf((byte)'\r');
            int lastSpace = raw[..lineEnd].LastIndexOf((byte)' ');
            writer.Write(raw[..lastSpace]);
            writer.Write(" SIP/2.0\r\n"u8);
        }
        else
        {
            int lineEnd = raw.IndexOf((byte)'\r');
            int firstSpace = raw.IndexOf((byte)' ');
            var rest = raw[(firstSpace + 1)..lineEnd];
            writer.Write("SIP/2.0 "u8);
            writer.Write(rest);
            writer.Write(rest.Length == 3 ? " \r\n"u8 : "\r\n"u8);
        }

        for (int i = 0; i < message.HeaderCount; i++)
        {
            var kind = message.GetHeaderKind(i);
            if (kind == HeaderKind.ContentLength) continue;
            if (kind == HeaderKind.Other) writer.Write(message.GetRawHeaderName(i));
            else writer.Write(s_canonicalNames[(int)kind]);
            writer.Write(": "u8);
            var value = message.GetRawHeaderValue(i);
            if (value.IndexOf((byte)'\n') >= 0) writer.Write(Encoding.UTF8.GetBytes(message.GetHeaderValue(i)));
            else writer.Write(value);
            writer.Write("\r\n"u8);
        }

        writer.Write("Content-Length: "u8);
        var digits = writer.GetSpan(11);
        message.BodyLength.TryFormat(digits, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        writer.Advance(written);
        writer.Write("\r\n\r\n"u8);
        writer.Write(message.Body.Span);
    }
}
