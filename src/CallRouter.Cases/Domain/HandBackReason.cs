namespace CallRouter.Cases.Domain;

/// <summary>Why Mfr TS hands a case back to the desk (A5 2.0 Mfr 2d/2e).</summary>
public enum HandBackReason
{
    /// <summary>Mfr fixed it: the case becomes Resolved and the desk closes it the same day.</summary>
    ForClosure,

    /// <summary>The desk has more to do: the case returns to InProgress.</summary>
    ForFurtherWork,
}
