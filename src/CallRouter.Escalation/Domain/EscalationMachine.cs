using static CallRouter.Escalation.Domain.EscalationEffect;
using static CallRouter.Escalation.Domain.EscalationInput;

namespace CallRouter.Escalation.Domain;

/// <summary>
/// The escalation rules of SPEC R10 / SOW-A 6.0–6.1 as a pure function: no I/O, no clock
/// (the instant comes in), so the same inputs always give the same decisions.
/// </summary>
/// <remarks>
/// AwaitingResponse --Responded--> Responded --HandedBack--> HandedBack
/// AwaitingResponse --ResponseDue / Unreachable / Dropped--> desk told, closure deferred,
///     next contact (AwaitingResponse) or, at the end of the chain, supervisor alerted (ChainExhausted)
/// Responded --Dropped--> as a silence: next contact.  Any open state --Cancel--> Cancelled.
/// </remarks>
public static class EscalationMachine
{
    /// <summary>Longest message text sent to a pager; alphanumeric pagers truncate beyond a few hundred characters.</summary>
    public const int MaxMessageLength = 240;

    public static EscalationDecision Start(EscalationInput.Start start, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (start.Contacts.Count == 0)
        {
            throw new EscalationException(EscalationErrorCode.InvalidArgument, "An escalation needs at least one contact.");
        }

        var escalation = new EscalationRecord
        {
            Id = start.Id,
            ProblemNumber = start.Request.ProblemNumber,
            Path = start.Path,
            State = EscalationState.AwaitingResponse,
            Contacts = start.Contacts,
            DeskContactName = start.Request.DeskContactName,
            DeskCallbackNumber = start.Request.DeskCallbackNumber,
            Summary = start.Request.Summary,
            ResponseWindow = start.Window,
            StartedAt = now,
            CurrentContactRequestedAt = now,
            ResponseDueAt = now + start.Window,
        };
        var effects = new List<EscalationEffect>
        {
            Event(escalation, now, EscalationEventKind.Started, null,
                $"by {start.Request.RequestedBy}; path {start.Path}; respond within {start.Window.TotalMinutes:0} min"),
        };
        AskCurrentContact(escalation, now, effects);
        return new(escalation, effects);
    }

    public static EscalationDecision Decide(EscalationRecord state, EscalationInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return input switch
        {
            ContactDelivered d => Delivered(state, d, now),
            ContactFailed f when IsCurrent(state, f.ContactIndex) => new(state with { CurrentCall = null },
                [Event(state, now, EscalationEventKind.ContactFailed, state.CurrentContact.Name, f.Error)]),
            CallStarted c when IsCurrent(state, c.ContactIndex) && state.CurrentContactDeliveredAt is null =>
                new(state with { CurrentCall = new PhoneCallAttempt(c.ContactIndex, c.Token, c.FailedBefore, c.OutboxId, now) },
                    [Event(state, now, EscalationEventKind.CallPlaced, state.CurrentContact.Name, $"calling {state.CurrentContact.Address} (attempt {c.FailedBefore + 1})")]),
            CallAnswered a when IsCurrentCall(state, a.Token) =>
                Delivered(state, new ContactDelivered(state.ContactIndex, null, a.Reference), now),
            CallFailed f when IsCurrentCall(state, f.Token) => new(state with { CurrentCall = null },
                [Event(state, now, EscalationEventKind.ContactFailed, state.CurrentContact.Name, f.Error)]),
            ResponseDue r when IsCurrent(state, r.ContactIndex) =>
                Lapse(state, now, EscalationEventKind.NoResponse, $"no response within {state.ResponseWindow.TotalMinutes:0} min"),
            Unreachable u when IsCurrent(state, u.ContactIndex) =>
                Lapse(state, now, EscalationEventKind.Unreachable, u.Detail),
            Dropped d when d.ContactIndex == state.ContactIndex
                && state.State is EscalationState.AwaitingResponse or EscalationState.Responded =>
                Lapse(state with { State = EscalationState.AwaitingResponse }, now, EscalationEventKind.ResponderDropped, $"{d.Responder} answered and dropped"),
            Responded r => Respond(state, r, now),
            HandedBack h => Close(state, now, EscalationState.HandedBack, EscalationEventKind.HandedBack, $"by {h.By}: {h.Reason}"),
            Cancel c => Close(state, now, EscalationState.Cancelled, EscalationEventKind.Cancelled, $"by {c.By}: {c.Reason}"),
            StatusQueried q => new(state, [Event(state, now, EscalationEventKind.StatusQueried, state.CurrentContact.Name, $"by {q.By}: {q.Answer}")]),
            EscalationInput.Start => throw new EscalationException(EscalationErrorCode.AlreadyEscalated, $"Escalation {state.Id} has already started."),
            _ => Ignore(state),
        };
    }

    /// <summary>The text sent with a contact: case, summary, and whom to call back.</summary>
    public static string ContactMessage(EscalationRecord escalation)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var text = $"HD&TS L3 request case {escalation.ProblemNumber}: {escalation.Summary} "
            + $"Call {escalation.DeskContactName} at {escalation.DeskCallbackNumber}.";
        // Pager messages are one line; a summary with line breaks would end the SNPP command early.
        text = text.Replace('\r', ' ').Replace('\n', ' ');
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
    }

    private static bool IsCurrent(EscalationRecord state, int contactIndex) =>
        state.State == EscalationState.AwaitingResponse && contactIndex == state.ContactIndex;

    /// <summary>A call outcome counts only for the call still awaited: not for an earlier call, a contact passed, or a call already answered.</summary>
    private static bool IsCurrentCall(EscalationRecord state, string token) =>
        state.CurrentCall is { } call && call.Token == token && IsCurrent(state, call.ContactIndex);

    private static EscalationDecision Ignore(EscalationRecord state) => new(state, []);

    private static EscalationDecision Delivered(EscalationRecord state, ContactDelivered d, DateTimeOffset now)
    {
        if (!IsCurrent(state, d.ContactIndex) || state.CurrentContactDeliveredAt is not null)
        {
            return Ignore(state);
        }

        // The window runs from the moment the contact was actually reached, so a page that took
        // two retries to get through still gives Mfr TS its full 30 minutes.
        var due = now + state.ResponseWindow;
        var next = state with
        {
            CurrentContactDeliveredAt = now,
            CurrentReceipt = d.Receipt,
            CurrentCall = null,
            FirstContactAt = state.FirstContactAt ?? now,
            ResponseDueAt = due,
        };
        return new(next,
        [
            new ArmResponseTimer(state.ContactIndex, due),
            Event(next, now, EscalationEventKind.ContactDelivered, state.CurrentContact.Name, $"{d.Reference}; response due {due:O}"),
        ]);
    }

    private static EscalationDecision Respond(EscalationRecord state, Responded r, DateTimeOffset now)
    {
        switch (state.State)
        {
            case EscalationState.Responded:
                return Ignore(state);
            case EscalationState.HandedBack or EscalationState.Cancelled:
                throw new EscalationException(EscalationErrorCode.InvalidState, $"Escalation {state.Id} is {state.State}; a response can no longer be recorded.");
        }

        var clockStart = state.FirstContactAt ?? state.StartedAt;
        var responseTime = now - clockStart;
        var inTime = responseTime <= state.ResponseWindow;
        var next = state with { State = EscalationState.Responded, RespondedAt = now, Responder = r.Responder, ResponseDueAt = null, CurrentCall = null };
        return new(next,
        [
            new CancelTimers(),
            Event(next, now, inTime ? EscalationEventKind.Responded : EscalationEventKind.RespondedLate, r.Responder,
                $"via {r.Via}; {responseTime.TotalMinutes:0.#} min after first contact", responseTime),
        ]);
    }

    private static EscalationDecision Close(EscalationRecord state, DateTimeOffset now, EscalationState target, EscalationEventKind kind, string detail)
    {
        if (state.IsOver)
        {
            throw new EscalationException(EscalationErrorCode.InvalidState, $"Escalation {state.Id} is already {state.State}.");
        }

        var next = state with { State = target, ResponseDueAt = null };
        return new(next, [new CancelTimers(), Event(next, now, kind, state.Responder, detail)]);
    }

    /// <summary>
    /// The contact stayed silent, could not be reached or dropped: the desk is told, the case's
    /// closure is deferred (once), and the escalation procedure moves on — next contact, or the
    /// supervisor when the chain is exhausted (SOW-A 6.1 item 3).
    /// </summary>
    private static EscalationDecision Lapse(EscalationRecord state, DateTimeOffset now, EscalationEventKind kind, string detail)
    {
        var contact = state.CurrentContact;
        var effects = new List<EscalationEffect> { Event(state, now, kind, contact.Name, detail) };
        var notice = $"Mfr TS not reached for case {state.ProblemNumber} through {contact.Name}: {detail}.";
        effects.Add(new NotifyDesk(notice));
        effects.Add(Event(state, now, EscalationEventKind.DeskNotified, contact.Name, notice));
        var next = state;
        if (!state.ClosureDeferred)
        {
            next = next with { ClosureDeferred = true };
            effects.Add(new DeferClosure($"escalation {state.Id}: {detail}"));
            effects.Add(Event(next, now, EscalationEventKind.ClosureDeferred, null, "closure deferred until Mfr TS responds"));
        }

        if (state.ContactIndex + 1 < state.Contacts.Count)
        {
            next = next with
            {
                State = EscalationState.AwaitingResponse,
                ContactIndex = state.ContactIndex + 1,
                CurrentContactRequestedAt = now,
                CurrentContactDeliveredAt = null,
                CurrentReceipt = null,
                CurrentCall = null,
                ResponseDueAt = now + state.ResponseWindow,
            };
            effects.Add(Event(next, now, EscalationEventKind.NextContact, next.CurrentContact.Name, $"after {contact.Name}"));
            AskCurrentContact(next, now, effects);
            return new(next, effects);
        }

        next = next with { State = EscalationState.ChainExhausted, ResponseDueAt = null };
        var alert = $"Escalation {state.Id} of case {state.ProblemNumber}: every Mfr TS contact stayed silent (last {contact.Name}); supervisor action needed.";
        effects.Add(new CancelTimers());
        effects.Add(new AlertSupervisor(alert));
        effects.Add(Event(next, now, EscalationEventKind.SupervisorAlerted, null, alert));
        return new(next, effects);
    }

    private static void AskCurrentContact(EscalationRecord escalation, DateTimeOffset now, List<EscalationEffect> effects)
    {
        var contact = escalation.CurrentContact;
        effects.Add(new RequestContact(escalation.ContactIndex, contact, ContactMessage(escalation)));
        // Armed at the request as a safety net: if the channel never accepts the contact, the
        // silence still lapses and the chain moves on. Delivery re-arms it from the delivery instant.
        effects.Add(new ArmResponseTimer(escalation.ContactIndex, now + escalation.ResponseWindow));
        effects.Add(Event(escalation, now, EscalationEventKind.ContactRequested, contact.Name, $"{contact.Channel} {contact.Address}"));
    }

    private static Record Event(EscalationRecord e, DateTimeOffset now, EscalationEventKind kind, string? contact, string detail, TimeSpan? responseTime = null) =>
        new(new EscalationEvent(e.Id, e.ProblemNumber, now, kind, contact, detail, responseTime));
}
