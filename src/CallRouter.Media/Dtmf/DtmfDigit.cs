namespace CallRouter.Media.Dtmf;

/// <summary>Maps DTMF characters to RFC 4733 §3.2 event codes: 0–9, * = 10, # = 11, A–D = 12–15.</summary>
public static class DtmfDigit
{
    private const string Digits = "0123456789*#ABCD";

    public static bool IsValid(char digit) => Digits.Contains(char.ToUpperInvariant(digit), StringComparison.Ordinal);

    public static bool TryFromEvent(int eventCode, out char digit)
    {
        if (eventCode is >= 0 and < 16)
        {
            digit = Digits[eventCode];
            return true;
        }

        digit = '\0';
        return false;
    }

    public static bool TryToEvent(char digit, out byte eventCode)
    {
        var index = Digits.IndexOf(char.ToUpperInvariant(digit), StringComparison.Ordinal);
        eventCode = (byte)Math.Max(index, 0);
        return index >= 0;
    }
}
