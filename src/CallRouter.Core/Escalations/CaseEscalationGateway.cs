using System.Globalization;
using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Reports;
using CallRouter.Cases.Storage;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;

namespace CallRouter.Core.Escalations;

/// <summary>
/// What escalation needs from the case service, over the real one: which cases may be
/// escalated, "closure deferred" when Mfr TS cannot be reached (SOW-A 6.1 item 3), and every
/// escalation event as a line of the case history. Calls come at least once: events are
/// deduplicated on their id, a second deferral is a no-op.
/// </summary>
public sealed class CaseEscalationGateway(CaseService cases, ICaseStore store) : IEscalationCaseGateway
{
    private static readonly Actor Escalation = new("escalation", Role.System);

    public async Task<bool> CaseExistsAsync(string problemNumber, CancellationToken cancellationToken)
    {
        if (!ProblemNumber.TryParse(problemNumber, out ProblemNumber? number))
        {
            return false;
        }

        CaseRecord? record = await store.GetCaseAsync(number.Value, cancellationToken).ConfigureAwait(false);
        return record is not null && record.State is not (CaseState.Resolved or CaseState.Closed);
    }

    public async Task MarkClosureDeferredAsync(string problemNumber, string escalationId, string reason, CancellationToken cancellationToken)
    {
        ProblemNumber number = ProblemNumber.Parse(problemNumber);
        CaseRecord? record = await store.GetCaseAsync(number, cancellationToken).ConfigureAwait(false);
        if (record is null || record.State is CaseState.ClosureDeferred or CaseState.Resolved or CaseState.Closed)
        {
            // Already deferred (a repeated delivery), or the desk resolved it meanwhile.
            return;
        }

        try
        {
            await cases.ChangeStateAsync(Escalation, number, CaseState.ClosureDeferred, $"{escalationId}: {reason}", cancellationToken).ConfigureAwait(false);
        }
        catch (CaseException refused) when (refused.Code == CaseErrorCode.InvalidTransition)
        {
            // The state moved on between the read and the write; nothing left to defer.
        }
    }

    public async Task RecordEscalationEventAsync(EscalationEvent escalationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalationEvent);
        ProblemNumber number = ProblemNumber.Parse(escalationEvent.ProblemNumber);
        string marker = string.Create(CultureInfo.InvariantCulture, $"[{escalationEvent.EscalationId}#{escalationEvent.Id}]");
        IReadOnlyList<AuditEntry> history = await store.ListAuditAsync(number, cancellationToken).ConfigureAwait(false);
        if (history.Any(a => a.Detail.StartsWith(marker, StringComparison.Ordinal)))
        {
            return;
        }

        string response = escalationEvent.ResponseTime is { } t ? string.Create(CultureInfo.InvariantCulture, $" (response after {t:hh\\:mm\\:ss})") : "";
        string contact = escalationEvent.Contact is null ? "" : escalationEvent.Contact + ": ";

        // The action is "Escalation" + kind; report 7.7 counts some of these (EscalationOutcomes).
        await store.AppendAuditAsync(new AuditEntry(0, number, escalationEvent.At, Escalation.UserId, Role.System,
            EscalationOutcomes.ActionPrefix + escalationEvent.Kind, $"{marker} {contact}{escalationEvent.Detail}{response}"), cancellationToken).ConfigureAwait(false);
    }
}
