using System.Text;

namespace CallRouter.Sip.Message;

/// <summary>quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE (RFC 3261 §25.1).</summary>
internal static class QuotedString
{
    /// <summary>Reads a quoted string starting at <paramref name="i"/> (on the opening quote) and returns it unescaped.</summary>
    public static string Read(ReadOnlySpan<char> text, ref int i)
    {
        var builder = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            char c = text[i++];
            if (c == '"') return builder.ToString();
            if (c == '\\')
            {
                if (i >= text.Length) break;
                c = text[i++];
            }

            builder.Append(c);
        }

        throw new FormatException("unterminated quoted string");
    }

    public static void Append(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\') builder.Append('\\');
            builder.Append(c);
        }

        builder.Append('"');
    }
}
