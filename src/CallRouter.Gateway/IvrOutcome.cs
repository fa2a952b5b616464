namespace CallRouter.Gateway;

public enum IvrOutcome
{
    /// <summary>Model, problem number (or none) and a confirmed severity are known.</summary>
    Completed,

    /// <summary>The caller chose "9 other": not a desk matter, back to the manufacturer (SPEC R2).</summary>
    ReturnToManufacturer,

    /// <summary>No usable answer after every retry; the caller is told goodbye.</summary>
    GaveUp,
}
