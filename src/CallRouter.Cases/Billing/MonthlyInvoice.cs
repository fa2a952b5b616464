namespace CallRouter.Cases.Billing;

/// <summary>
/// One calendar month's invoice. <see cref="BillingMonth"/> is 0 before per-case charges
/// begin, 1 for the (prorated) first month, 2, 3… after. The service charge is the greater of
/// the minimum and the per-case charge (A2 1.2); <see cref="ReconciliationCharge"/> is the
/// incremental amount invoiced at month end when the volume exceeds the minimum.
/// </summary>
public sealed record MonthlyInvoice
{
    public required string Manufacturer { get; init; }
    public required int Year { get; init; }
    public required int Month { get; init; }
    public required int BillingMonth { get; init; }
    public required DateOnly BilledFrom { get; init; }
    public required DateOnly BilledTo { get; init; }
    public required int DaysInMonth { get; init; }
    public required int DaysBilled { get; init; }
    public required int MinimumCases { get; init; }
    public required decimal MinimumCharge { get; init; }
    public required int CasesOpened { get; init; }
    public required int BillableCases { get; init; }
    public required int CasesOver18Minutes { get; init; }
    public required decimal PerCaseRate { get; init; }
    public required decimal PerCaseCharge { get; init; }
    public required decimal ServiceCharge { get; init; }
    public required int CasesAboveMinimum { get; init; }
    public required decimal ReconciliationCharge { get; init; }
    public int? SetupInstalmentNumber { get; init; }
    public required decimal SetupInstalment { get; init; }
    public required decimal Total { get; init; }
    public required IReadOnlyList<CaseVolumeLine> CaseVolume { get; init; }
}
