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

    /// <summary>
    /// A page of cases. A Mfr TS user's query is always confined to its own manufacturer, and
    /// the listing is recorded in the access log (it is about no single case).
    /// </summary>
    public async Task<IReadOnlyList<CaseRecord>> ListCasesAsync(Actor actor, CaseQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scope = CasePermissions.ScopeOf(actor);
        var page = await _store.ListCasesAsync(scope is null ? query : query with { Manufacturer = scope }, cancellationToken).ConfigureAwait(false);
        if (scope is not null)
        {
            await _store.AppendAccessAsync(new AccessEntry(0, _time.GetUtcNow(), actor.UserId, actor.Role, "CasesListed",
                $"state {query.State?.ToString() ?? "any"}, account {query.CustomerAccount ?? "any"}, after {query.After?.ToString() ?? "start"}: {page.Count} case(s)"),
                cancellationToken).ConfigureAwait(false);
        }

        return page;
    }

    /// <summary>Notifications waiting for delivery (or all, for audit); desk only.</summary>
    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(Actor actor, bool undeliveredOnly = true, int limit = 100, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "read the outbox");
        return _store.ListOutboxAsync(undeliveredOnly, limit, cancellationToken);
    }
}
