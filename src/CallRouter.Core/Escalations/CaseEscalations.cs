using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;
using CallRouter.Core.Cases;
using CallRouter.Escalation;
using CallRouter.Escalation.Domain;

namespace CallRouter.Core.Escalations;

/// <summary>
/// Escalation and the case kept in step: escalating puts the case in "escalated to
/// manufacturer" (which report 7.7 counts), a hand-back returns it to the desk. The
/// escalation is stored first, so a refused escalation (unknown case, already escalated)
/// leaves the case as it was.
/// </summary>
public sealed class CaseEscalations(
    EscalationService escalations,
    EscalationScheduler scheduler,
    CaseService cases,
    ICaseStore store,
    EscalationHostOptions host) : IWrapUpEscalator
{
    async Task IWrapUpEscalator.EscalateAsync(Actor actor, ProblemNumber problemNumber, string summary, CancellationToken cancellationToken) =>
        await EscalateAsync(actor, problemNumber, summary, cancellationToken).ConfigureAwait(false);

    public async Task<EscalationRecord> EscalateAsync(Actor actor, ProblemNumber problemNumber, string summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EscalationRecord started = await escalations.EscalateAsync(new EscalationRequest(problemNumber.ToString(), host.DeskContactName,
            host.DeskCallbackNumber, string.IsNullOrWhiteSpace(summary) ? $"case {problemNumber}" : summary.Trim(), actor.UserId), cancellationToken).ConfigureAwait(false);
        await MoveCaseAsync(actor, problemNumber, from: null, CaseState.EscalatedToManufacturer, $"escalated to Mfr TS ({started.Id}, {started.Path})", cancellationToken).ConfigureAwait(false);

        // The first contact goes out now rather than on the next beat.
        scheduler.Wake();
        return started;
    }

    /// <summary>Mfr TS handed back by phone: the escalation ends and the case returns to the desk for work.</summary>
    public async Task<EscalationRecord> HandBackAsync(Actor actor, string escalationId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        EscalationRecord ended = await escalations.HandBackAsync(escalationId, actor.UserId, reason, cancellationToken).ConfigureAwait(false);
        await MoveCaseAsync(actor, ProblemNumber.Parse(ended.ProblemNumber), CaseState.EscalatedToManufacturer, CaseState.InProgress,
            $"Mfr TS handed back ({ended.Id}): {reason}", cancellationToken).ConfigureAwait(false);
        return ended;
    }

    /// <summary>The case was handed back on the case side (portal or API): end its open escalation too.</summary>
    public async Task CaseHandedBackAsync(ProblemNumber problemNumber, string by, string note, CancellationToken cancellationToken = default)
    {
        foreach (EscalationRecord open in (await escalations.ListForCaseAsync(problemNumber.ToString(), cancellationToken).ConfigureAwait(false)).Where(e => !e.IsOver))
        {
            try
            {
                await escalations.HandBackAsync(open.Id, by, note, cancellationToken).ConfigureAwait(false);
            }
            catch (EscalationException refused) when (refused.Code is EscalationErrorCode.InvalidState or EscalationErrorCode.Conflict)
            {
                // Ended concurrently: nothing left to do.
            }
        }
    }

    private async Task MoveCaseAsync(Actor actor, ProblemNumber number, CaseState? from, CaseState to, string reason, CancellationToken cancellationToken)
    {
        CaseRecord? current = await store.GetCaseAsync(number, cancellationToken).ConfigureAwait(false);
        if (current is null || current.State == to || (from is { } expected && current.State != expected))
        {
            return;
        }

        await cases.ChangeStateAsync(actor, number, to, reason, cancellationToken).ConfigureAwait(false);
    }
}
