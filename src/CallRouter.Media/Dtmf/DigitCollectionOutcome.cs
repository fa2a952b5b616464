namespace CallRouter.Media.Dtmf;

/// <summary>Why a digit collection finished.</summary>
public enum DigitCollectionOutcome
{
    /// <summary>The maximum number of digits was entered.</summary>
    Completed,

    /// <summary>A terminator digit was pressed.</summary>
    Terminated,

    /// <summary>No digit at all within the first-digit time-out.</summary>
    FirstDigitTimeout,

    /// <summary>Some digits, then a pause longer than the inter-digit time-out.</summary>
    InterDigitTimeout,

    /// <summary>The overall time-out expired while digits were still coming.</summary>
    OverallTimeout,
}
