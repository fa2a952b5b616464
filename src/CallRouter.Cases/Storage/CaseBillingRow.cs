using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Storage;

/// <summary>A case opened in a billing month with its billable (non-manufacturer) talk time.</summary>
public sealed record CaseBillingRow(
    ProblemNumber ProblemNumber,
    DateTimeOffset OpenedAt,
    int AnsweredBillableCalls,
    TimeSpan BillableTalk);
