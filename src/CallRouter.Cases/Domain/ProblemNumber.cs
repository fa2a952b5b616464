using System.Diagnostics.CodeAnalysis;

namespace CallRouter.Cases.Domain;

/// <summary>
/// The number an end user is given for the whole incident (A5 5.0): seven digits from a
/// sequence plus one Damm check digit, eight digits in all, written and read back as
/// "1234-5675". The sequence starts at 1,000,000 so every number has seven significant digits
/// and nobody has to say leading zeros.
/// </summary>
public readonly record struct ProblemNumber
{
    public const long FirstSequence = 1_000_000;
    public const long LastSequence = 9_999_999;

    private ProblemNumber(string digits) => Digits = digits;

    /// <summary>The eight digits without separators, as stored.</summary>
    public string Digits { get; }

    /// <summary>The seven-digit sequence part.</summary>
    public long Sequence => long.Parse(Digits.AsSpan(0, 7), provider: System.Globalization.CultureInfo.InvariantCulture);

    public static ProblemNumber FromSequence(long sequence)
    {
        if (sequence is < FirstSequence or > LastSequence)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "A problem number sequence has exactly seven digits.");
        }

        var body = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemNumber(body + DammCheckDigit.Compute(body).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Parses what an agent typed or a caller keyed: spaces and hyphens are ignored; anything
    /// else, a wrong length or a wrong check digit is rejected.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ProblemNumber? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        Span<char> digits = stackalloc char[8];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c is < '0' or > '9' || count == digits.Length)
            {
                return false;
            }

            digits[count++] = c;
        }

        if (count != digits.Length || digits[0] == '0' || !DammCheckDigit.IsValid(digits))
        {
            return false;
        }

        number = new ProblemNumber(new string(digits));
        return true;
    }

    /// <summary>Parses or throws a <see cref="CaseException"/> with <see cref="CaseErrorCode.InvalidArgument"/>.</summary>
    public static ProblemNumber Parse(string? text) =>
        TryParse(text, out var number)
            ? number.Value
            : throw new CaseException(CaseErrorCode.InvalidArgument,
                $"'{Truncate(text)}' is not a valid problem number: expected 8 digits, the last a check digit (written 1234-5678).");

    /// <summary>Printed and read back in two groups of four, which callers repeat more reliably than eight digits.</summary>
    public override string ToString() => Digits is null ? string.Empty : $"{Digits[..4]}-{Digits[4..]}";

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 20 ? text : text[..20] + "…";
}
