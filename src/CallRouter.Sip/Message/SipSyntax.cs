using System.Buffers;

namespace CallRouter.Sip.Message;

/// <summary>Character classes from the RFC 3261 §25 grammar, as vectorisable search sets.</summary>
internal static class SipSyntax
{
    public const string TokenChars =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static readonly SearchValues<byte> Token = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~"u8);

    /// <summary>Control characters other than HTAB; never legal inside a header value or reason phrase.</summary>
    public static readonly SearchValues<byte> Control = SearchValues.Create(BuildControl());

    public static readonly SearchValues<byte> Digits = SearchValues.Create("0123456789"u8);

    public static bool IsToken(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.ContainsAnyExcept(Token);

    public static bool IsToken(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return false;
        foreach (char c in value)
        {
            if (c > 127 || !TokenChars.Contains(c)) return false;
        }

        return true;
    }

    public static bool IsWhitespace(byte b) => b == (byte)' ' || b == (byte)'\t';

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
    {
        int start = 0;
        while (start < value.Length && IsWhitespace(value[start])) start++;
        int end = value.Length;
        while (end > start && IsWhitespace(value[end - 1])) end--;
        return value[start..end];
    }

    /// <summary>Parses an unsigned decimal that must fit in <paramref name="max"/>; no sign, no spaces.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<byte> digits, long max, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 19) return false;
        foreach (byte b in digits)
        {
            uint d = (uint)(b - '0');
            if (d > 9) return false;
            value = (value * 10) + d;
            if (value > max) return false;
        }

        return true;
    }

    private static byte[] BuildControl()
    {
        var bytes = new List<byte>();
        for (int b = 0; b < 0x20; b++)
        {
            if (b != '\t') bytes.Add((byte)b);
        }

        bytes.Add(0x7F);
        return bytes.ToArray();
    }
}
