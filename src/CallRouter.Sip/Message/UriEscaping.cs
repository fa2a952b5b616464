using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>%HH escaping for URI components (RFC 3261 §25.1), with the unreserved set of each component.</summary>
internal static class UriEscaping
{
    private const string Unreserved = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()";

    public const string UserExtra = "&=+$,;?/";
    public const string PasswordExtra = "&=+$,";
    public const string ParamExtra = "[]/:&+$";
    public const string HeaderExtra = "[]/?:+$";

    public static string Unescape(ReadOnlySpan<char> text, string extra)
    {
        if (text.IsEmpty) return string.Empty;
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                {
                    throw new FormatException("malformed %-escape in URI");
                }

                bytes.Add((byte)((Hex(text[i + 1]) << 4) | Hex(text[i + 2])));
                i += 2;
                continue;
            }

            if (c > 127)
            {
                // UTF-8 text in a URI is tolerated on input and re-escaped on output.
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                continue;
            }

            if (!Unreserved.Contains(c) && !extra.Contains(c))
            {
                throw new FormatException($"character '{c}' must be escaped in this part of a URI");
            }

            bytes.Add((byte)c);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static void Append(StringBuilder builder, string value, string extra)
    {
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (b < 128 && (Unreserved.Contains(c) || extra.Contains(c)))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int Hex(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
