namespace CallRouter.Cases.Domain;

/// <summary>How often the end user is owed an update, by severity (A5 6.0).</summary>
public static class UpdateCadence
{
    public static TimeSpan For(Severity severity) => severity switch
    {
        Severity.S1 => TimeSpan.FromHours(4),
        Severity.S2 => TimeSpan.FromHours(24),
        Severity.S3 => TimeSpan.FromDays(4),
        Severity.S4 => TimeSpan.FromDays(8),
        _ => throw new CaseException(CaseErrorCode.InvalidArgument, $"Severity must be 1 to 4, not {(int)severity}."),
    };

    public static Severity ParseSeverity(int value) =>
        value is >= 1 and <= 4
            ? (Severity)value
            : throw new CaseException(CaseErrorCode.InvalidArgument, $"Severity must be 1 to 4, not {value}.");
}
