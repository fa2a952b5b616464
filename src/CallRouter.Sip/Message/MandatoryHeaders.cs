namespace CallRouter.Sip.Message;

/// <summary>Tracks, during one parse, the headers every request and response must carry (RFC 3261 §8.1.1) and Content-Length.</summary>
internal struct MandatoryHeaders
{
    private int _via;
    private int _from;
    private int _to;
    private int _callId;
    private int _cseq;

    public HeaderEntry CSeqEntry;

    public SipParseError Note(in HeaderEntry entry, ReadOnlySpan<byte> msg, ref long contentLength)
    {
        switch (entry.Kind)
        {
            case HeaderKind.Via:
                if (_via++ == 0 && !LooksLikeVia(Value(entry, msg))) return SipParseError.InvalidVia;
                break;
            case HeaderKind.From:
                if (_from++ > 0 || entry.ValueLength == 0) return SipParseError.InvalidFromOrTo;
                break;
            case HeaderKind.To:
                if (_to++ > 0 || entry.ValueLength == 0) return SipParseError.InvalidFromOrTo;
                break;
            case HeaderKind.CallId:
                if (_callId++ > 0 || entry.ValueLength == 0) return SipParseError.MissingCallId;
                break;
            case HeaderKind.CSeq:
                if (_cseq++ > 0) return SipParseError.InvalidCSeq;
                CSeqEntry = entry;
                break;
            case HeaderKind.MaxForwards:
                if (!SipSyntax.TryParseDecimal(Value(entry, msg), 255, out _)) return SipParseError.InvalidMaxForwards;
                break;
            case HeaderKind.ContentLength:
                if (entry.Folded || !SipSyntax.TryParseDecimal(Value(entry, msg), int.MaxValue, out long length))
                {
                    return SipParseError.InvalidContentLength;
                }

                if (contentLength >= 0 && contentLength != length) return SipParseError.ConflictingContentLength;
                contentLength = length;
                break;
        }

        return SipParseError.None;
    }

    public readonly SipParseError Validate()
    {
        if (_via == 0) return SipParseError.MissingVia;
        if (_from == 0) return SipParseError.MissingFrom;
        if (_to == 0) return SipParseError.MissingTo;
        if (_callId == 0) return SipParseError.MissingCallId;
        if (_cseq == 0) return SipParseError.MissingCSeq;
        return SipParseError.None;
    }

    private static ReadOnlySpan<byte> Value(in HeaderEntry entry, ReadOnlySpan<byte> msg) => msg.Slice(entry.ValueStart, entry.ValueLength);

    /// <summary>A Via value starts with "SIP/2.0/"; the rest is parsed when a layer asks for it.</summary>
    private static bool LooksLikeVia(ReadOnlySpan<byte> value) =>
        value.Length > 8 && System.Text.Ascii.EqualsIgnoreCase(value[..4], "SIP/"u8);
}
