namespace CallRouter.Cases.Billing;

/// <summary>One case in the case-volume data that goes with the invoice (A2 1.2).</summary>
public sealed record CaseVolumeLine(
    string ProblemNumber,
    DateOnly OpenedOn,
    int AnsweredBillableCalls,
    decimal BillableTalkMinutes,
    int BilledCases);
