namespace CallRouter.Sip.Message;

/// <summary>
/// Reads one SIP message from bytes, in the manner of Kestrel's HttpParser: it reports Complete,
/// NeedMore or Invalid, never consumes half a message, trusts no length it has not checked against
/// the buffer, and allocates only the message object and its header index. Byte-size limits are the
/// caller's (it sees <see cref="ParseResult.ExpectedLength"/> as soon as Content-Length is known).
/// </summary>
public static class SipParser
{
    /// <summary>A message with more header fields than this is refused; real traffic carries 10–30.</summary>
    public const int MaxHeaders = 256;

    [ThreadStatic]
    private static HeaderEntry[]? t_scratch;

    public static ParseResult Parse(ReadOnlyMemory<byte> buffer, SipFraming framing, out SipMessage? message)
    {
        message = null;
        var span = buffer.Span;
        bool stream = framing == SipFraming.Stream;

        // RFC 3261 §7.5: CRLFs before the start line are ignored (they are also RFC 5626 keep-alives).
        int origin = 0;
        while (origin + 1 < span.Length && span[origin] == '\r' && span[origin + 1] == '\n') origin += 2;
        if (origin == span.Length)
        {
            return origin == 0
                ? new ParseResult(ParseStatus.NeedMore, SipParseError.None, 0, 0)
                : new ParseResult(ParseStatus.KeepAlive, SipParseError.None, origin, 0);
        }

        if (origin == span.Length - 1 && span[origin] == '\r')
        {
            return stream || origin == 0
                ? new ParseResult(ParseStatus.NeedMore, SipParseError.None, 0, 0)
                : ParseResult.Invalid(SipParseError.InvalidLineTerminator);
        }

        var msg = span[origin..];
        var start = new StartLine();

        int lineEnd = msg.IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return NeedMoreOr(stream, SipParseError.MissingHeaderTerminator);
        }

        if (lineEnd == 0 || msg[lineEnd - 1] != '\r')
        {
            return ParseResult.Invalid(SipParseError.InvalidLineTerminator);
        }

        var error = SipStartLineParser.Parse(msg[..(lineEnd - 1)], ref start);
        if (error != SipParseError.None)
        {
            return ParseResult.Invalid(error);
        }

        var headers = t_scratch ??= new HeaderEntry[MaxHeaders];
        int count = 0;
        int pos = lineEnd + 1;
        long contentLength = -1;
        var present = default(MandatoryHeaders);

        while (true)
        {
            if (pos >= msg.Length)
            {
                return NeedMoreOr(stream, SipParseError.MissingHeaderTerminator);
            }

            byte first = msg[pos];
            if (first == '\r')
            {
                if (pos + 1 >= msg.Length) return NeedMoreOr(stream, SipParseError.MissingHeaderTerminator);
                if (msg[pos + 1] != '\n') return ParseResult.Invalid(SipParseError.InvalidLineTerminator);
                pos += 2;
                break;
            }

            if (SipSyntax.IsWhitespace(first))
            {
                // A continuation line is only legal right after a header line, where the loop below eats it.
                return ParseResult.Invalid(SipParseError.InvalidFolding);
            }

            var status = ReadHeaderLine(msg, ref pos, out var entry, out error);
            if (status != ParseStatus.Complete)
            {
                return status == ParseStatus.NeedMore ? NeedMoreOr(stream, SipParseError.MissingHeaderTerminator) : ParseResult.Invalid(error);
            }

            if (count == MaxHeaders)
            {
                return ParseResult.Invalid(SipParseError.TooManyHeaders);
            }

            headers[count++] = entry;
            error = present.Note(entry, msg, ref contentLength);
            if (error != SipParseError.None)
            {
                return ParseResult.Invalid(error);
            }
        }

        error = present.Validate();
        if (error != SipParseError.None)
        {
            return ParseResult.Invalid(error);
        }

        error = SipCSeqReader.Read(msg, present.CSeqEntry, ref start);
        if (error != SipParseError.None)
        {
            return ParseResult.Invalid(error);
        }

        int bodyStart = pos;
        int available = msg.Length - bodyStart;
        int bodyLength;
        if (contentLength < 0)
        {
            if (stream)
            {
                return ParseResult.Invalid(SipParseError.MissingContentLength);
            }

            bodyLength = available;
        }
        else if (contentLength > available)
        {
            if (!stream)
            {
                return ParseResult.Invalid(SipParseError.BodyShorterThanContentLength);
            }

            long expected = origin + bodyStart + contentLength;
            return new ParseResult(ParseStatus.NeedMore, SipParseError.None, 0, expected > int.MaxValue ? int.MaxValue : (int)expected);
        }
        else
        {
            // A datagram may carry trailing bytes past Content-Length; RFC 3261 §18.3 says drop them.
            bodyLength = (int)contentLength;
        }

        int total = bodyStart + bodyLength;
        var entries = headers.AsSpan(0, count).ToArray();
        message = new SipMessage(buffer.Slice(origin, total), start, entries, bodyStart, bodyLength);
        return new ParseResult(ParseStatus.Complete, SipParseError.None, origin + total, origin + total);
    }

    private static ParseResult NeedMoreOr(bool stream, SipParseError datagramError) =>
        stream ? new ParseResult(ParseStatus.NeedMore, SipParseError.None, 0, 0) : ParseResult.Invalid(datagramError);

    private static ParseStatus ReadHeaderLine(ReadOnlySpan<byte> msg, ref int pos, out HeaderEntry entry, out SipParseError error)
    {
        entry = default;
        error = SipParseError.None;
        int lineStart = pos;
        int nl = msg[lineStart..].IndexOf((byte)'\n');
        if (nl < 0) return ParseStatus.NeedMore;
        nl += lineStart;
        if (nl == lineStart || msg[nl - 1] != '\r')
        {
            error = SipParseError.InvalidLineTerminator;
            return ParseStatus.Invalid;
        }

        var line = msg[lineStart..(nl - 1)];
        int colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            error = SipParseError.MissingHeaderColon;
            return ParseStatus.Invalid;
        }

        // HCOLON = *( SP / HTAB ) ":" SWS — whitespace may precede the colon.
        int nameEnd = colon;
        while (nameEnd > 0 && SipSyntax.IsWhitespace(line[nameEnd - 1])) nameEnd--;
        var name = line[..nameEnd];
        if (!SipSyntax.IsToken(name))
        {
            error = SipParseError.InvalidHeaderName;
            return ParseStatus.Invalid;
        }

        var firstValue = line[(colon + 1)..];
        if (firstValue.ContainsAny(SipSyntax.Control))
        {
            error = SipParseError.InvalidHeaderValue;
            return ParseStatus.Invalid;
        }

        int valueEnd = nl - 1;
        bool folded = false;
        int next = nl + 1;
        while (true)
        {
            if (next >= msg.Length) return ParseStatus.NeedMore;
            if (!SipSyntax.IsWhitespace(msg[next])) break;

            // Line folding (RFC 3261 §7.3.1): the next physical line continues this value.
            int cont = msg[next..].IndexOf((byte)'\n');
            if (cont < 0) return ParseStatus.NeedMore;
            cont += next;
            if (msg[cont - 1] != '\r')
            {
                error = SipParseError.InvalidLineTerminator;
                return ParseStatus.Invalid;
            }

            if (msg[next..(cont - 1)].ContainsAny(SipSyntax.Control))
            {
                error = SipParseError.InvalidHeaderValue;
                return ParseStatus.Invalid;
            }

            folded = true;
            valueEnd = cont - 1;
            next = cont + 1;
        }

        int valueStart = lineStart + colon + 1;
        while (valueStart < valueEnd && IsLws(msg[valueStart])) valueStart++;
        while (valueEnd > valueStart && IsLws(msg[valueEnd - 1])) valueEnd--;

        entry = new HeaderEntry(lineStart, name.Length, valueStart, valueEnd - valueStart, SipHeaderNames.Lookup(name), folded);
        pos = next;
        return ParseStatus.Complete;
    }

    private static bool IsLws(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
