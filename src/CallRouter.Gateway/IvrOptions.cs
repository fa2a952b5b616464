namespace CallRouter.Gateway;

/// <summary>Digit collection limits of the IVR menus (SPEC R3).</summary>
public sealed class IvrOptions
{
    /// <summary>How many times a menu is offered again after silence or a wrong digit before giving up.</summary>
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan FirstDigitTimeout { get; set; } = TimeSpan.FromSeconds(8);

    public TimeSpan InterDigitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>Longest problem number accepted before "#" ("1234-5678" is 8 digits plus a check digit at most).</summary>
    public int MaxProblemNumberDigits { get; set; } = 12;

    /// <summary>Wrong problem numbers tolerated before the call is treated as a new problem.</summary>
    public int MaxProblemNumberAttempts { get; set; } = 2;
}
