using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases;

public sealed partial class CaseService
{
    /// <summary>
    /// One case with its calls, severity history, notes and audit. A Mfr TS user sees only its
    /// own manufacturer's cases (any other answers NotFound) and each read is audited.
    /// </summary>
    public async Task<CaseDetail> GetCaseAsync(Actor actor, ProblemNumber problemNumber, CancellationToken cancellationToken = default)
    {
        var record = await LoadVisibleAsync(actor, problemNumber, cancellationToken).ConfigureAwait(false);
        if (actor.Role == Role.ManufacturerTs)
        {
            await _store.AppendAuditAsync(Audit(actor, problemNumber, _time.GetUtcNow(), "CaseViewed", "read by manufacturer TS"), cancellationToken).ConfigureAwait(false);
        }

        var calls = await _store.ListCallsAsync(problemNumber, cancellationToken).ConfigureAwait(false);
        var severities = await _store.ListSeverityHistoryAsync(problemNumber, cancellationToken).ConfigureAwait(false);
        var notes = await _store.ListNotesAsync(problemNumber, cancellationToken).ConfigureAwait(false);
        var audit = await _store.ListAuditAsync(problemNumber, cancellationToken).ConfigureAwait(false);
        return new CaseDetail(record, calls, severities, notes, audit);
    }

    /// <summary>A page of cases; a Mfr TS user's query is always confined to its own manufacturer.</summary>
    public Task<IReadOnlyList<CaseRecord>> ListCasesAsync(Actor actor, CaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scope = CasePermissions.ScopeOf(actor);
        return _store.ListCasesAsync(scope is null ? query : query with { Manufacturer = scope }, cancellationToken);
    }

    /// <summary>Notifications waiting for delivery (or all, for audit); desk only.</summary>
    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(Actor actor, bool undeliveredOnly = true, int limit = 100, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "read the outbox");
        return _store.ListOutboxAsync(undeliveredOnly, limit, cancellationToken);
    }
}
