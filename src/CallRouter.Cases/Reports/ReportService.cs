using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Reports;

/// <summary>
/// Reports (SPEC R14) for any date range, read from the store and computed by
/// <see cref="ReportCalculator"/>. Supervisors and administrators only.
/// </summary>
public sealed class ReportService
{
    private readonly ICaseStore _store;
    private readonly TimeProvider _time;
    private readonly DeskCalendar _calendar;

    public ReportService(ICaseStore store, TimeProvider timeProvider, DeskCalendar? calendar = null)
    {
        _store = store;
        _time = timeProvider;
        _calendar = calendar ?? DeskCalendar.Utc;
    }

    public async Task<CallReport> WeeklyCallsAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        EnsureAllowed(actor);
        var (fromUtc, toUtc) = _calendar.Range(from, to);
        var calls = await CollectAsync(_store.StreamCallsAsync(fromUtc, toUtc, cancellationToken), cancellationToken).ConfigureAwait(false);
        return ReportCalculator.WeeklyCalls(calls, from, to, _calendar);
    }

    public async Task<CaseReport> MonthlyCasesAsync(Actor actor, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        EnsureAllowed(actor);
        var (fromUtc, toUtc) = _calendar.Range(from, to);
        var cases = await CollectAsync(_store.StreamCasesAsync(fromUtc, toUtc, cancellationToken), cancellationToken).ConfigureAwait(false);

        // 7.7's escalation outcomes live on the histories of escalated cases only, so only
        // those are read (one query per escalated case; escalations are a small share of cases).
        var history = new List<AuditEntry>();
        foreach (var escalated in cases.Where(c => c.FirstEscalatedAt is { } first && first < toUtc))
        {
            var lines = await _store.ListAuditAsync(escalated.ProblemNumber, cancellationToken).ConfigureAwait(false);
            history.AddRange(lines.Where(a => a.At >= fromUtc && a.At < toUtc && EscalationOutcomes.IsCounted(a)));
        }

        return ReportCalculator.MonthlyCases(cases, history, from, to, _calendar);
    }

    /// <summary>The live view since the start of <paramref name="since"/> (default: today, desk time) until now.</summary>
    public async Task<ServiceLevelView> ServiceLevelsAsync(Actor actor, DateOnly? since = null, CancellationToken cancellationToken = default)
    {
        EnsureAllowed(actor);
        var now = _time.GetUtcNow();
        var from = _calendar.StartOf(since ?? _calendar.LocalDate(now));
        if (from > now)
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"The service-level window cannot start in the future ({since:yyyy-MM-dd}).");
        }

        var calls = await CollectAsync(_store.StreamCallsAsync(from, now, cancellationToken), cancellationToken).ConfigureAwait(false);
        var cases = await CollectAsync(_store.StreamCasesAsync(from, now, cancellationToken), cancellationToken).ConfigureAwait(false);
        return ReportCalculator.ServiceLevels(calls, cases, from, now, _calendar);
    }

    private static void EnsureAllowed(Actor actor) =>
        CasePermissions.EnsureRole(actor, "read reports", Role.Supervisor, Role.Administrator, Role.System);

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
