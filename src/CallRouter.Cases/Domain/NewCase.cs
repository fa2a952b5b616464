namespace CallRouter.Cases.Domain;

/// <summary>What intake knows when a case is opened (SPEC R1, R3).</summary>
public sealed record NewCase
{
    public required string Manufacturer { get; init; }
    public required string CustomerAccount { get; init; }
    public string? EndUserName { get; init; }
    public string? CallbackNumber { get; init; }
    public string? MachineModel { get; init; }
    public string? SerialNumber { get; init; }
    public required Severity Severity { get; init; }

    /// <summary>The caller's concurrence with the initial severity (IVR confirmation step).</summary>
    public required EndUserAgreement SeverityAgreement { get; init; }
}
