namespace CallRouter.Sip.Message;

/// <summary>Request-Line and Status-Line (RFC 3261 §7.1, §7.2), checked byte by byte against the grammar.</summary>
internal static class SipStartLineParser
{
    public static SipParseError Parse(ReadOnlySpan<byte> line, ref StartLine start)
    {
        if (line.Length >= 4 && System.Text.Ascii.EqualsIgnoreCase(line[..4], "SIP/"u8))
        {
            return ParseStatusLine(line, ref start);
        }

        int sp1 = line.IndexOf((byte)' ');
        int sp2 = line.LastIndexOf((byte)' ');
        if (sp1 <= 0 || sp2 == sp1)
        {
            return SipParseError.InvalidStartLine;
        }

        var method = line[..sp1];
        if (!SipSyntax.IsToken(method))
        {
            return SipParseError.InvalidMethod;
        }

        var uri = line[(sp1 + 1)..sp2];
        if (!IsPlausibleUri(uri))
        {
            return SipParseError.InvalidRequestUri;
        }

        var error = CheckVersion(line[(sp2 + 1)..]);
        if (error != SipParseError.None)
        {
            return error;
        }

        start.IsRequest = true;
        start.Method = SipMethods.Parse(method);
        start.MethodLength = method.Length;
        start.UriStart = sp1 + 1;
        start.UriLength = uri.Length;
        return SipParseError.None;
    }

    private static SipParseError ParseStatusLine(ReadOnlySpan<byte> line, ref StartLine start)
    {
        int sp1 = line.IndexOf((byte)' ');
        if (sp1 < 0)
        {
            return CheckVersion(line) == SipParseError.None ? SipParseError.InvalidStatusCode : SipParseError.InvalidStartLine;
        }

        var error = CheckVersion(line[..sp1]);
        if (error != SipParseError.None)
        {
            return error;
        }

        var rest = line[(sp1 + 1)..];
        int sp2 = rest.IndexOf((byte)' ');
        var code = sp2 < 0 ? rest : rest[..sp2];
        if (code.Length != 3 || !SipSyntax.TryParseDecimal(code, 999, out long status) || status < 100 || status > 699)
        {
            return SipParseError.InvalidStatusCode;
        }

        // Reason-Phrase may be empty, and a sender that omits the final space is tolerated.
        var reason = sp2 < 0 ? ReadOnlySpan<byte>.Empty : rest[(sp2 + 1)..];
        if (reason.ContainsAny(SipSyntax.Control))
        {
            return SipParseError.InvalidReasonPhrase;
        }

        start.IsRequest = false;
        start.StatusCode = (int)status;
        start.ReasonStart = sp2 < 0 ? line.Length : sp1 + 1 + sp2 + 1;
        start.ReasonLength = reason.Length;
        return SipParseError.None;
    }

    /// <summary>SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is spoken, others get 505.</summary>
    private static SipParseError CheckVersion(ReadOnlySpan<byte> version)
    {
        if (version.Length < 7 || !System.Text.Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
        {
            return SipParseError.InvalidVersion;
        }

        var numbers = version[4..];
        int dot = numbers.IndexOf((byte)'.');
        if (dot <= 0 || dot == numbers.Length - 1 || numbers[..dot].ContainsAnyExcept(SipSyntax.Digits) || numbers[(dot + 1)..].ContainsAnyExcept(SipSyntax.Digits))
        {
            return SipParseError.InvalidVersion;
        }

        return numbers.SequenceEqual("2.0"u8) ? SipParseError.None : SipParseError.UnsupportedVersion;
    }

    /// <summary>Cheap structural check (scheme ":" something, no spaces or controls); the full URI is parsed on demand.</summary>
    private static bool IsPlausibleUri(ReadOnlySpan<byte> uri)
    {
        int colon = uri.IndexOf((byte)':');
        if (colon <= 0 || colon == uri.Length - 1 || !IsAlpha(uri[0]))
        {
            return false;
        }

        foreach (byte b in uri[..colon])
        {
            if (!IsAlpha(b) && !(b >= '0' && b <= '9') && b != '+' && b != '-' && b != '.') return false;
        }

        return !uri.ContainsAny(SipSyntax.Control) && uri.IndexOf((byte)' ') < 0 && uri.IndexOf((byte)'\t') < 0;
    }

    private static bool IsAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';
}
