namespace CallRouter.Cases.Billing;

/// <summary>
/// The charging terms of Attachment A2. <see cref="FromContract"/> gives the contract's own
/// figures; the dates are the two the contract leaves to events: the SOW-A effective date
/// (set-up instalments start that month) and the implementation-period end date, the first
/// day per-case charges apply ("begin at the end of the due diligence/implementation period").
/// </summary>
public sealed record BillingTerms
{
    public required string Manufacturer { get; init; }
    public required DateOnly SowEffectiveDate { get; init; }
    public required DateOnly ImplementationEndDate { get; init; }
    public decimal SetupCharge { get; init; } = 48_000.00m;
    public int SetupInstalments { get; init; } = 12;
    public decimal PerCaseRate { get; init; } = 29.00m;

    /// <summary>Minimum case volume of billing month 1, 2, 3…; the last applies to every later month.</summary>
    public IReadOnlyList<int> StagedMinimumCases { get; init; } = [400, 800, 1200];

    /// <summary>A case longer than this is billed as one more case per started increment.</summary>
    public TimeSpan CaseIncrement { get; init; } = TimeSpan.FromMinutes(18);

    public static BillingTerms FromContract(string manufacturer, DateOnly sowEffectiveDate, DateOnly implementationEndDate) => new()
    {
        Manufacturer = manufacturer,
        SowEffectiveDate = sowEffectiveDate,
        ImplementationEndDate = implementationEndDate,
    };
}
