using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;

namespace CallRouter.Cases.Storage;

/// <summary>
/// Durable case storage. Every method returns only after the data is committed; an
/// acknowledged <see cref="CommitAsync"/> survives a kill -9 of the process. Implementations:
/// <see cref="SqliteCaseStore"/> (embedded default) and <see cref="PostgresCaseStore"/>.
/// </summary>
public interface ICaseStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema; safe to call at every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Takes the next sequence number; gaps are possible, duplicates are not.</summary>
    Task<ProblemNumber> AllocateProblemNumberAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits a change atomically. Throws <see cref="CaseException"/> with
    /// <see cref="CaseErrorCode.Conflict"/> when the case's version moved on, and
    /// <see cref="CaseErrorCode.AlreadyExists"/> for a duplicate case or call id.
    /// </summary>
    Task CommitAsync(CaseChange change, CancellationToken cancellationToken = default);

    Task<CaseRecord?> GetCaseAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default);
    Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CallRecord>> ListCallsAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<SeverityChange>> ListSeverityHistoryAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CaseNote>> ListNotesAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<AuditEntry>> ListAuditAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CaseRecord>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Active cases whose next update is due at or before <paramref name="asOf"/>, earliest first;
    /// with <paramref name="unraisedOnly"/>, only those no reminder has been raised for yet.
    /// </summary>
    Task<IReadOnlyList<CaseRecord>> ListUpdateDueAsync(DateTimeOffset asOf, bool unraisedOnly, int limit, CancellationToken cancellationToken = default);

    /// <summary>Appends an audit line that changes nothing else (e.g. a Mfr TS user reading a case).</summary>
    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Calls that started in [from, to), by start time.</summary>
    IAsyncEnumerable<CallRecord> StreamCallsAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>Cases opened before <paramref name="toUtc"/> and not closed before <paramref name="fromUtc"/>.</summary>
    IAsyncEnumerable<CaseRecord> StreamCasesAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>One row per case of <paramref name="manufacturer"/> opened in [from, to).</summary>
    Task<IReadOnlyList<CaseBillingRow>> ListCaseBillingAsync(string manufacturer, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an import in the history and, when it was accepted, makes its entries the active
    /// list for its manufacturer in the same transaction. Returns the import id.
    /// </summary>
    Task<long> SaveEntitlementImportAsync(EntitlementImportRecord import, IReadOnlyList<EntitlementEntry> entries, CancellationToken cancellationToken = default);

    Task<EntitlementEntry?> FindEntitlementAsync(string manufacturer, string customerAccount, CancellationToken cancellationToken = default);
    Task<int> CountActiveEntitlementsAsync(string manufacturer, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<EntitlementImportRecord>> ListEntitlementImportsAsync(string manufacturer, CancellationToken cancellationToken = default);

    /// <summary>Records an action that is not about one case (e.g. a Mfr TS user listing cases).</summary>
    Task AppendAccessAsync(AccessEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AccessEntry>> ListAccessAsync(string actorId, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(bool undeliveredOnly, int limit, CancellationToken cancellationToken = default);
    Task MarkOutboxDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default);
}
