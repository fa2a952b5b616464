namespace CallRouter.Cases.Domain;

/// <summary>Everything about one case, for the agent console, the Mfr portal and audits.</summary>
public sealed record CaseDetail(
    CaseRecord Case,
    IReadOnlyList<CallRecord> Calls,
    IReadOnlyList<SeverityChange> SeverityHistory,
    IReadOnlyList<CaseNote> Notes,
    IReadOnlyList<AuditEntry> Audit);
