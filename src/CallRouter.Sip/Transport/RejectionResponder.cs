using System.Text;
using CallRouter.Sip.Message;

namespace CallRouter.Sip.Transport;

/// <summary>
/// Builds the stateless error response for a request the parser refused (the edge of the
/// closed <see cref="SipParseError"/> list). It salvages Via, From, To, Call-ID and CSeq lines from
/// the raw bytes; without a Via there is nowhere to send a response, so none is built.
/// </summary>
internal static class RejectionResponder
{
    public static byte[]? TryBuild(ReadOnlySpan<byte> bytes, SipParseError error)
    {
        int start = 0;
        while (start + 1 < bytes.Length && bytes[start] == '\r' && bytes[start + 1] == '\n') start += 2;
        bytes = bytes[start..];
        if (bytes.Length < 4 || Ascii.EqualsIgnoreCase(bytes[..4], "SIP/"u8))
        {
            return null;
        }

        var copied = new StringBuilder();
        bool hasVia = false;
        bool toHasTag = true;
        int lineEnd = bytes.IndexOf((byte)'\n');
        int pos = lineEnd < 0 ? bytes.Length : lineEnd + 1;
        while (pos < bytes.Length)
        {
            int end = bytes[pos..].IndexOf((byte)'\n');
            var line = end < 0 ? bytes[pos..] : bytes.Slice(pos, end);
            pos = end < 0 ? bytes.Length : pos + end + 1;
            if (!line.IsEmpty && line[^1] == '\r') line = line[..^1];
            if (line.IsEmpty) break;
            int colon = line.IndexOf((byte)':');
            if (colon <= 0 || line.ContainsAny(SipSyntax.Control)) continue;
            var kind = SipHeaderNames.Lookup(SipSyntax.Trim(line[..colon]));
            if (kind is not (HeaderKind.Via or HeaderKind.From or HeaderKind.To or HeaderKind.CallId or HeaderKind.CSeq)) continue;
            string value = Encoding.UTF8.GetString(SipSyntax.Trim(line[(colon + 1)..]));
            hasVia |= kind == HeaderKind.Via;
            if (kind == HeaderKind.To) toHasTag = value.Contains(";tag=", StringComparison.OrdinalIgnoreCase);
            copied.Append(SipHeaderNames.CanonicalName(kind)).Append(": ").Append(value);
            if (kind == HeaderKind.To && !toHasTag) copied.Append(";tag=").Append(SipIds.NewTag());
            copied.Append("\r\n");
        }

        if (!hasVia) return null;
        string text = $"SIP/2.0 {SipRejections.StatusCode(error)} {SipRejections.ReasonPhrase(error)}\r\n{copied}Content-Length: 0\r\n\r\n";
        return Encoding.UTF8.GetBytes(text);
    }
}
