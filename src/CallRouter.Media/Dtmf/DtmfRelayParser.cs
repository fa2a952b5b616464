using System.Globalization;

namespace CallRouter.Media.Dtmf;

/// <summary>
/// Parses SIP INFO DTMF bodies, the fallback when a peer does not send RFC 4733 events:
/// <c>application/dtmf-relay</c> (<c>Signal=5</c>, <c>Duration=160</c> in milliseconds, one per
/// line) and the bare <c>application/dtmf</c> form (the digit or its event code alone).
/// </summary>
public static class DtmfRelayParser
{
    public const string DtmfRelayContentType = "application/dtmf-relay";
    public const string DtmfContentType = "application/dtmf";

    private static readonly TimeSpan DefaultDuration = TimeSpan.FromMilliseconds(250);

    public static bool TryParse(string? contentType, string body, out char digit, out TimeSpan duration)
    {
        digit = '\0';
        duration = DefaultDuration;
        var mediaType = contentType?.Split(';')[0].Trim();
        if (string.Equals(mediaType, DtmfContentType, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseSignal(body.Trim(), out digit);
        }

        if (!string.Equals(mediaType, DtmfRelayContentType, StringComparison.OrdinalIgnoreCase) || body.Length > 1024)
        {
            return false;
        }

        var haveSignal = false;
        foreach (var rawLine in body.Split('\n'))
        {
            var line = rawLine.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (name.Equals("Signal", StringComparison.OrdinalIgnoreCase))
            {
                if (haveSignal || !TryParseSignal(value, out digit))
                {
                    return false;
                }

                haveSignal = true;
            }
            else if (name.Equals("Duration", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                && milliseconds is > 0 and <= 60_000)
            {
                duration = TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        return haveSignal;
    }

    private static bool TryParseSignal(string value, out char digit)
    {
        digit = '\0';
        if (value.Length == 1 && DtmfDigit.IsValid(value[0]))
        {
            digit = char.ToUpperInvariant(value[0]);
            return true;
        }

        // Some gateways send the RFC 4733 event code (10 for *, 11 for #) instead of the character.
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            && DtmfDigit.TryFromEvent(code, out digit);
    }
}
