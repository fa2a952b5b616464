namespace CallRouter.Cases.Domain;

/// <summary>A5 6.0 severities; the value is the number the caller presses.</summary>
public enum Severity
{
    /// <summary>Machine down, critical: update every 4 hours.</summary>
    S1 = 1,

    /// <summary>Severely impacted: update every 24 hours.</summary>
    S2 = 2,

    /// <summary>Moderately impacted: update every 4 days.</summary>
    S3 = 3,

    /// <summary>Not impacted but a problem to address: update every 8 days.</summary>
    S4 = 4,
}
