using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases;

public sealed partial class CaseService
{
    /// <summary>
    /// Attaches a call to a case (a case may span several calls, A2 1.2). An answered call from
    /// the end user counts as an update and restarts the severity cadence; a manufacturer call
    /// (R11) does not, and is never billed. The call is logged later by <see cref="CompleteCallAsync"/>.
    /// </summary>
    public Task<CaseRecord> AttachCallAsync(Actor actor, ProblemNumber problemNumber, CallRecord call, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "attach calls");
        ArgumentNullException.ThrowIfNull(call);
        Require(call.CallId, "call id");
        Limit(call.AgentId, "agent id");
        Limit(call.TransferredBy, "transferring agent id");
        var attached = call with { ProblemNumber = problemNumber, LoggedAt = null };
        return MutateAsync(actor, problemNumber, (current, now) =>
        {
            if (current.State == CaseState.Closed)
            {
                throw new CaseException(CaseErrorCode.InvalidTransition, $"Case {problemNumber} is closed; a new problem needs a new case.");
            }

            ValidateCallTimes(attached, now);
            var next = current with { UpdatedAt = now, Version = current.Version + 1 };
            if (attached is { AnsweredAt: { } answered, FromManufacturer: false } && answered > current.LastEndUserUpdateAt)
            {
                next = WithEndUserUpdate(next, answered);
            }

            return new CaseChange
            {
                Case = next,
                ExpectedVersion = current.Version,
                NewCalls = [attached],
                Audit = [Audit(actor, problemNumber, now, "CallAttached",
                    $"call {attached.CallId}{(attached.FromManufacturer ? " from manufacturer (not billable)" : "")}")],
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Ends a call and logs the case for it in one commit (SOW-A 3.0 objective 5: every case is
    /// logged at the end of each call). A call can be completed once.
    /// </summary>
    public async Task<CallRecord> CompleteCallAsync(Actor actor, ProblemNumber problemNumber, CallCompletion completion, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "log calls");
        ArgumentNullException.ThrowIfNull(completion);
        Require(completion.CallId, "call id");
        Require(completion.LogNote, "call log note", MaxNoteText);
        Limit(completion.AgentId, "agent id");
        Limit(completion.TransferredBy, "transferring agent id");
        CallRecord? completed = null;
        await MutateAsync(actor, problemNumber, async (current, now) =>
        {
            var call = await _store.GetCallAsync(completion.CallId, cancellationToken).ConfigureAwait(false);
            if (call is null || call.ProblemNumber != problemNumber)
            {
                throw new CaseException(CaseErrorCode.NotFound, $"Call '{completion.CallId}' is not attached to case {problemNumber}.");
            }

            if (call.LoggedAt is not null)
            {
                throw new CaseException(CaseErrorCode.InvalidTransition, $"Call '{call.CallId}' was already completed and logged at {call.LoggedAt:O}.");
            }

            completed = call with
            {
                EndedAt = completion.EndedAt,
                AnsweredAt = completion.AnsweredAt ?? call.AnsweredAt,
                AgentId = completion.AgentId ?? call.AgentId,
                Voicemail = completion.Voicemail || call.Voicemail,
                TransferredAt = completion.TransferredAt ?? call.TransferredAt,
                TransferredBy = completion.TransferredBy ?? call.TransferredBy,
                Level2AnsweredAt = completion.Level2AnsweredAt ?? call.Level2AnsweredAt,
                LoggedAt = now,
            };
            ValidateCallTimes(completed, now);
            var next = current with { UpdatedAt = now, Version = current.Version + 1 };
            if (completed is { AnsweredAt: not null, FromManufacturer: false } && completion.EndedAt > current.LastEndUserUpdateAt)
            {
                next = WithEndUserUpdate(next, completion.EndedAt);
            }

            return new CaseChange
            {
                Case = next,
                ExpectedVersion = current.Version,
                UpdatedCalls = [completed],
                Notes = [new CaseNote(problemNumber, NoteKind.CallLog, completion.LogNote, actor.UserId, actor.Role, now)],
                Audit = [Audit(actor, problemNumber, now, "CallLogged",
                    $"call {completed.CallId}: wait {completed.WaitDuration:c}, talk {completed.TalkDuration?.ToString("c") ?? "none"}" +
                    (completed.TransferredAt is null ? "" : $", transferred to L2 by {completed.TransferredBy ?? "unknown agent"}, L2 wait {completed.Level2WaitDuration:c}" +
                        (completed.Level2AnsweredAt is null ? " (left before L2 answered)" : "")) +
                    (completed.IsAbandoned ? ", abandoned" : ""))],
            };
        }, cancellationToken).ConfigureAwait(false);
        return completed!;
    }

    private static void ValidateCallTimes(CallRecord call, DateTimeOffset now)
    {
        var waitStart = call.QueuedAt ?? call.StartedAt;
        string? problem = null;
        if (call.QueuedAt < call.StartedAt)
        {
            problem = "it was queued before it started";
        }
        else if (call.AnsweredAt < waitStart)
        {
            problem = "it was answered before it started waiting";
        }
        else if (call.EndedAt < (call.AnsweredAt ?? call.StartedAt))
        {
            problem = "it ended before it was answered or started";
        }
        else if (call.TransferredAt is not null && call.AnsweredAt is null)
        {
            problem = "it was transferred to L2 without being answered";
        }
        else if (call.TransferredAt < call.AnsweredAt)
        {
            problem = "it was transferred before it was answered";
        }
        else if (call.Level2AnsweredAt is not null && call.TransferredAt is null)
        {
            problem = "L2 answered a call that was not transferred";
        }
        else if (call.Level2AnsweredAt < call.TransferredAt)
        {
            problem = "L2 answered before the transfer";
        }
        else if (call.EndedAt < (call.Level2AnsweredAt ?? call.TransferredAt))
        {
            problem = "it ended before the transfer or the L2 answer";
        }
        else if (call.StartedAt > now || call.AnsweredAt > now || call.EndedAt > now || call.TransferredAt > now || call.Level2AnsweredAt > now)
        {
            problem = "it has times in the future";
        }

        if (problem is not null)
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"Call '{call.CallId}' has inconsistent times: {problem}.");
        }
    }
}
