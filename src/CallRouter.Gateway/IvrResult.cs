namespace CallRouter.Gateway;

/// <summary>What the IVR learned; <see cref="Model"/> and <see cref="Severity"/> are set when the outcome is Completed.</summary>
public sealed record IvrResult(IvrOutcome Outcome, string? Model = null, string ProblemNumber = "", int Severity = 0)
{
    public static IvrResult Return { get; } = new(IvrOutcome.ReturnToManufacturer);

    public static IvrResult GaveUp { get; } = new(IvrOutcome.GaveUp);
}
