namespace CallRouter.Media.Dtmf;

/// <summary>The digits collected (terminator excluded) and why collection ended.</summary>
public sealed record DigitCollectionResult(string Digits, DigitCollectionOutcome Outcome, char? Terminator = null)
{
    public bool TimedOut => Outcome is DigitCollectionOutcome.FirstDigitTimeout or DigitCollectionOutcome.InterDigitTimeout or DigitCollectionOutcome.OverallTimeout;
}
