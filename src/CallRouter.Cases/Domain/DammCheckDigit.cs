namespace CallRouter.Cases.Domain;

/// <summary>
/// The Damm check digit (H. Michael Damm, 2004). Chosen over Luhn because it detects every
/// single-digit error and every adjacent transposition, the two mistakes people make when a
/// number is read out over the phone, and it needs no weighting or "double and subtract 9".
/// </summary>
public static class DammCheckDigit
{
    // The weakly totally anti-symmetric quasigroup of order 10 from Damm's thesis.
    private static readonly byte[,] s_table =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    /// <summary>Computes the check digit for a string of decimal digits.</summary>
    public static int Compute(ReadOnlySpan<char> digits)
    {
        var interim = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                throw new ArgumentException("Only decimal digits can carry a Damm check digit.", nameof(digits));
            }

            interim = s_table[interim, c - '0'];
        }

        return interim;
    }

    /// <summary>True when the last digit is the correct check digit for the ones before it.</summary>
    public static bool IsValid(ReadOnlySpan<char> digitsWithCheck)
    {
        if (digitsWithCheck.Length < 2)
        {
            return false;
        }

        foreach (var c in digitsWithCheck)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        // Running the whole string, check digit included, through the table ends at zero.
        return Compute(digitsWithCheck) == 0;
    }
}
