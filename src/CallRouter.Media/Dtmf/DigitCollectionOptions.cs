namespace CallRouter.Media.Dtmf;

/// <summary>What to collect and how long to wait; defaults suit "enter your problem number and #".</summary>
public sealed record DigitCollectionOptions
{
    /// <summary>Collection completes when this many digits (terminator excluded) are in.</summary>
    public int MaxDigits { get; init; } = 1;

    /// <summary>Digits that end collection early; pressed alone they yield an empty result (e.g. "just # for a new problem").</summary>
    public string Terminators { get; init; } = "#";

    /// <summary>How long to wait for the first digit after collection starts.</summary>
    public TimeSpan FirstDigitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for each further digit.</summary>
    public TimeSpan InterDigitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Upper bound for the whole collection however fast digits keep coming.</summary>
    public TimeSpan OverallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Use digits pressed before collection started (while a prompt played), so callers can barge in.</summary>
    public bool UseTypeAhead { get; init; } = true;
}
