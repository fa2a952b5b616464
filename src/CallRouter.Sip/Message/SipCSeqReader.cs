namespace CallRouter.Sip.Message;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16), read eagerly because every layer above needs it.</summary>
internal static class SipCSeqReader
{
    public static SipParseError Read(ReadOnlySpan<byte> msg, in HeaderEntry entry, ref StartLine start)
    {
        var value = msg.Slice(entry.ValueStart, entry.ValueLength);
        int i = 0;
        while (i < value.Length && value[i] >= '0' && value[i] <= '9') i++;

        // The sequence number must be below 2**31 (RFC 3261 §8.1.1.5).
        if (i == 0 || !SipSyntax.TryParseDecimal(value[..i], int.MaxValue, out long number))
        {
            return SipParseError.InvalidCSeq;
        }

        int methodStart = i;
        while (methodStart < value.Length && (SipSyntax.IsWhitespace(value[methodStart]) || value[methodStart] is (byte)'\r' or (byte)'\n')) methodStart++;
        if (methodStart == i)
        {
            return SipParseError.InvalidCSeq;
        }

        var method = value[methodStart..];
        if (!SipSyntax.IsToken(method))
        {
            return SipParseError.InvalidCSeq;
        }

        if (start.IsRequest && !method.SequenceEqual(msg[..start.MethodLength]))
        {
            return SipParseError.CSeqMethodMismatch;
        }

        start.CSeqNumber = (uint)number;
        start.CSeqMethod = SipMethods.Parse(method);
        start.CSeqMethodStart = entry.ValueStart + methodStart;
        start.CSeqMethodLength = method.Length;
        return SipParseError.None;
    }
}
