using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;
using CallRouter.Escalation.Domain;
using Microsoft.Extensions.Logging;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Cases;

/// <summary>
/// Logs each call on its case when it ends (SOW-A 3.0 objective 5) and applies the agent's
/// wrap-up disposition to the case (SPEC R5, R7). Work for one call runs in order (ended,
/// then wrapped up); different calls run concurrently.
/// </summary>
public sealed class CaseRecorder(CaseService cases, ICaseStore store, ILogger<CaseRecorder> logger, IWrapUpEscalator? escalator = null) : ICaseRecorder
{
    private static readonly Actor Core = new("routing-core", Role.System);
    private readonly OrderedWork _work = new();

    public Task CallEnded(CallOutcome outcome) => _work.Enqueue(outcome.CallId, () => CompleteAsync(outcome));

    public Task WrappedUp(WrapUpOutcome outcome) => _work.Enqueue(outcome.CallId, () => WrapUpAsync(outcome));

    private async Task CompleteAsync(CallOutcome outcome)
    {
        if (string.IsNullOrEmpty(outcome.ProblemNumber))
        {
            return;
        }

        try
        {
            await cases.CompleteCallAsync(Core, ProblemNumber.Parse(outcome.ProblemNumber),
                new CallCompletion(outcome.CallId, outcome.EndedAt, outcome.Note, outcome.AnsweredAt, outcome.AgentId, outcome.Voicemail,
                    outcome.TransferredAt, outcome.TransferredBy, outcome.Level2AnsweredAt)).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is CaseException or InvalidOperationException or System.Data.Common.DbException)
        {
            CaseLog.CallLogFailed(logger, outcome.CallId, outcome.ProblemNumber, failure);
            throw;
        }
    }

    private async Task WrapUpAsync(WrapUpOutcome outcome)
    {
        CallRecord? call = await store.GetCallAsync(outcome.CallId).ConfigureAwait(false);
        if (call is null)
        {
            CaseLog.WrapUpWithoutCase(logger, outcome.CallId);
            return;
        }

        var agent = new Actor(outcome.AgentId, outcome.AgentRole);
        ProblemNumber number = call.ProblemNumber;
        try
        {
            if (!string.IsNullOrWhiteSpace(outcome.Notes))
            {
                await cases.AddNoteAsync(agent, number, NoteKind.General, outcome.Notes.Trim()).ConfigureAwait(false);
            }

            (CaseState target, string reason) = outcome.Disposition switch
            {
                Proto.Disposition.Resolved => (CaseState.Resolved, "wrap-up: resolved"),
                Proto.Disposition.NeedsL2 => (CaseState.InProgress, "wrap-up: needs L2"),
                Proto.Disposition.EscalateToManufacturer => (CaseState.EscalatedToManufacturer, "wrap-up: escalate to manufacturer"),
                // The desk owes the end user a call: work continues on the desk's side.
                _ => (CaseState.InProgress, "wrap-up: call back the end user"),
            };

            if (outcome.Disposition == Proto.Disposition.EscalateToManufacturer && escalator is not null)
            {
                // The escalation moves the case to "escalated to manufacturer" itself.
                try
                {
                    await escalator.EscalateAsync(agent, number,
                        string.IsNullOrWhiteSpace(outcome.Notes) ? $"escalated by {outcome.AgentId} at wrap-up" : outcome.Notes.Trim()).ConfigureAwait(false);
                }
                catch (EscalationException refused)
                {
                    CaseLog.WrapUpEscalationRefused(logger, outcome.CallId, number.ToString(), refused.Message);
                    if (refused.Code != EscalationErrorCode.AlreadyEscalated)
                    {
                        // The agent hears why (e.g. the case was resolved meanwhile); the note is kept.
                        throw new CaseException(CaseErrorCode.InvalidTransition, refused.Message, refused);
                    }
                }

                return;
            }

            CaseRecord? current = await store.GetCaseAsync(number).ConfigureAwait(false);
            if (current is null || current.State == target)
            {
                return;
            }

            try
            {
                await cases.ChangeStateAsync(agent, number, target, reason).ConfigureAwait(false);
            }
            catch (CaseException refused) when (refused.Code == CaseErrorCode.InvalidTransition)
            {
                // E.g. the manufacturer closed it meanwhile: the note is kept, the state stands.
                CaseLog.WrapUpTransitionRefused(logger, outcome.CallId, number.ToString(), current.State.ToString(), refused.Message);
            }
        }
        catch (Exception failure) when (failure is CaseException or InvalidOperationException or System.Data.Common.DbException)
        {
            CaseLog.WrapUpFailed(logger, outcome.CallId, failure);
            throw;
        }
    }
}
