using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases;

public sealed partial class CaseService
{
    /// <summary>
    /// Every active case whose end-user update is due now or overdue (the supervisor's view);
    /// reading changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<UpdateReminder>> ListUpdatesDueAsync(Actor actor, int limit = 100, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "list due updates");
        var now = _time.GetUtcNow();
        var due = await _store.ListUpdateDueAsync(now, unraisedOnly: false, limit, cancellationToken).ConfigureAwait(false);
        return [.. due.Select(c => ToReminder(c, now))];
    }

    /// <summary>
    /// The host's heartbeat calls this (e.g. every minute) and streams what it returns to the
    /// agent consoles and supervisors. Each due time raises one reminder: the case remembers
    /// the due time it was raised for, so a restart or a second host does not raise it again,
    /// and the next update (which moves the due time) arms the next reminder.
    /// </summary>
    public async Task<IReadOnlyList<UpdateReminder>> RaiseDueRemindersAsync(Actor actor, int limit = 100, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureRole(actor, "raise reminders", Role.System, Role.Supervisor);
        var now = _time.GetUtcNow();
        var due = await _store.ListUpdateDueAsync(now, unraisedOnly: true, limit, cancellationToken).ConfigureAwait(false);
        var raised = new List<UpdateReminder>(due.Count);
        foreach (var record in due)
        {
            var change = new CaseChange
            {
                Case = record with { ReminderRaisedFor = record.NextUpdateDueAt, Version = record.Version + 1 },
                ExpectedVersion = record.Version,
                Audit = [Audit(actor, record.ProblemNumber, now, "UpdateReminderRaised",
                    $"{record.Severity} update due {record.NextUpdateDueAt:O}")],
            };
            try
            {
                await _store.CommitAsync(change, cancellationToken).ConfigureAwait(false);
                raised.Add(ToReminder(record, now));
            }
            catch (CaseException ex) when (ex.Code == CaseErrorCode.Conflict)
            {
                // The case changed meanwhile (perhaps the update was just given); the next
                // heartbeat looks at it again with fresh data.
            }
        }

        return raised;
    }

    /// <summary>
    /// The same-day closure rule (SOW-A 3.0 objective 6): agents close resolved cases as they
    /// go; this sweep, run by the host every few minutes, closes every resolved case whose
    /// local resolution day has reached the cut-off (23:30 by default). A case resolved after
    /// the cut-off is closed by the next sweep, still before midnight. If the host was down
    /// over midnight the case is closed at the next sweep and audited as closed late; the
    /// service-level view counts it as a miss.
    /// </summary>
    public async Task<IReadOnlyList<CaseRecord>> CloseResolvedCasesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureRole(actor, "run the day-end closure", Role.System, Role.Supervisor);
        var now = _time.GetUtcNow();
        var closed = new List<CaseRecord>();
        ProblemNumber? after = null;
        while (true)
        {
            var page = await _store.ListCasesAsync(new CaseQuery { State = CaseState.Resolved, After = after, Limit = 200 }, cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                var resolvedOn = _options.Calendar.LocalDate(record.ResolvedAt!.Value);
                if (now < _options.Calendar.At(resolvedOn, _options.SameDayClosureCutoff))
                {
                    continue;
                }

                var late = _options.Calendar.LocalDate(now) != resolvedOn;
                var change = new CaseChange
                {
                    Case = ApplyState(record, CaseState.Closed, now),
                    ExpectedVersion = record.Version,
                    Audit = [Audit(actor, record.ProblemNumber, now, late ? "ClosedLate" : "ClosedSameDay",
                        $"resolved {record.ResolvedAt:O} (local day {resolvedOn:yyyy-MM-dd}); closed by the day-end sweep")],
                };
                try
                {
                    await _store.CommitAsync(change, cancellationToken).ConfigureAwait(false);
                    closed.Add(change.Case);
                }
                catch (CaseException ex) when (ex.Code == CaseErrorCode.Conflict)
                {
                    // Reopened or closed by an agent meanwhile; their decision stands.
                }
            }

            if (page.Count < 200)
            {
                return closed;
            }

            after = page[^1].ProblemNumber;
        }
    }

    private static UpdateReminder ToReminder(CaseRecord c, DateTimeOffset now) =>
        new(c.ProblemNumber, c.Manufacturer, c.Severity, c.State, c.NextUpdateDueAt!.Value, now - c.NextUpdateDueAt.Value);
}
