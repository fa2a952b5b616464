using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Storage;

namespace CallRouter.Escalation;

public sealed partial class EscalationService
{
    /// <summary>
    /// Fires every stored timer that is due: each firing and the transition it causes are one
    /// transaction, so a timer fires exactly once even across a crash or a second host.
    /// </summary>
    /// <returns>How many timers fired.</returns>
    public async Task<int> FireDueTimersAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        foreach (var timer in await _store.ListDueTimersAsync(_time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false))
        {
            if (await _store.GetAsync(timer.EscalationId, cancellationToken).ConfigureAwait(false) is null)
            {
                await _store.MarkTimerFiredAsync(timer.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                Log.TimerFired(_logger, timer.EscalationId, timer.ContactIndex, timer.DueAt);
                await ApplyAsync(timer.EscalationId, new EscalationInput.ResponseDue(timer.ContactIndex), cancellationToken, firedTimerId: timer.Id).ConfigureAwait(false);
                fired++;
            }
            catch (EscalationException ex) when (ex.Code == EscalationErrorCode.Conflict)
            {
                // Fired by another host, or the escalation moved meanwhile: nothing was written;
                // a still-pending timer is picked up again by the next heartbeat.
                Log.TimerConflict(_logger, timer.EscalationId, timer.Id);
            }
        }

        return fired;
    }

    /// <summary>Delivers due outbox items: contacts to their channel, notices, closure deferrals. Failures are retried with back-off.</summary>
    /// <returns>How many items were settled.</returns>
    public async Task<int> DispatchOutboxAsync(CancellationToken cancellationToken)
    {
        var settled = 0;
        foreach (var item in await _store.ListDueOutboxAsync(_time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (item.Kind == OutboxKind.Contact)
                {
                    await DeliverContactAsync(item, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await DeliverNoticeAsync(item, cancellationToken).ConfigureAwait(false);
                    await _store.CompleteOutboxAsync(item.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }

                settled++;
            }
            catch (ContactChannelException ex)
            {
                var retryAt = RetryAt(item);
                Log.ContactFailed(_logger, item.EscalationId, item.Contact?.ToString() ?? item.Kind.ToString(), retryAt, ex.Message);
                await ApplyAsync(item.EscalationId, new EscalationInput.ContactFailed(item.ContactIndex, ex.Message), cancellationToken).ConfigureAwait(false);
                await _store.RescheduleOutboxAsync(item.Id, retryAt, ex.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not EscalationException)
            {
                var retryAt = RetryAt(item);
                Log.OutboxFailed(_logger, ex, item.EscalationId, item.Kind.ToString(), retryAt);
                await _store.RescheduleOutboxAsync(item.Id, retryAt, ex.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        return settled;
    }

    /// <summary>Hands recorded events to the case service in order; stops at the first failure and resumes there next time.</summary>
    /// <returns>How many events were forwarded.</returns>
    public async Task<int> ForwardEventsAsync(CancellationToken cancellationToken)
    {
        var forwarded = 0;
        foreach (var e in await _store.ListUnforwardedEventsAsync(BatchSize, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _cases.RecordEscalationEventAsync(e, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ForwardFailed(_logger, ex, e.Id);
                break;
            }

            await _store.MarkEventForwardedAsync(e.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            forwarded++;
        }

        return forwarded;
    }

    /// <summary>
    /// Asks the paging side how each open page stands and acts on answers, drops and "cannot
    /// reach" notices — this status is how the PTAS tells the desk (see docs/escalation.md).
    /// </summary>
    /// <returns>How many escalations changed.</returns>
    public async Task<int> PollPagerStatusAsync(CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var escalation in await _store.ListOpenAsync(cancellationToken).ConfigureAwait(false))
        {
            if (escalation.State is not (EscalationState.AwaitingResponse or EscalationState.Responded)
                || escalation.CurrentContact.Channel != ContactChannel.Pager || escalation.CurrentReceipt is not { } receipt)
            {
                continue;
            }

            try
            {
                var status = await _pager.QueryStatusAsync(receipt, cancellationToken).ConfigureAwait(false);
                var after = await ApplyPageStatusAsync(escalation, status, cancellationToken).ConfigureAwait(false);
                changed += after.Version != escalation.Version ? 1 : 0;
            }
            catch (ContactChannelException ex)
            {
                Log.PollFailed(_logger, escalation.Id, ex.Message);
            }
        }

        return changed;
    }

    /// <summary>The earliest instant stored work falls due (a timer or an outbox retry).</summary>
    public Task<DateTimeOffset?> NextWakeAsync(CancellationToken cancellationToken) => _store.NextWakeAsync(cancellationToken);

    private Task<EscalationRecord> ApplyPageStatusAsync(EscalationRecord escalation, PageStatus status, CancellationToken cancellationToken)
    {
        EscalationInput? input = status.State switch
        {
            PageState.Answered when escalation.State == EscalationState.AwaitingResponse =>
                new EscalationInput.Responded(status.Responder ?? escalation.CurrentContact.Name, $"page {escalation.CurrentReceipt?.MessageTag}"),
            PageState.Dropped => new EscalationInput.Dropped(escalation.ContactIndex, status.Responder ?? escalation.CurrentContact.Name),
            PageState.Unreachable => new EscalationInput.Unreachable(escalation.ContactIndex, $"{escalation.CurrentContact.Name} reports Mfr TS cannot be reached ({status.Detail})"),
            _ => null,
        };
        return input is null ? Task.FromResult(escalation) : ApplyAsync(escalation.Id, input, cancellationToken);
    }

    private async Task DeliverContactAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var escalation = await _store.GetAsync(item.EscalationId, cancellationToken).ConfigureAwait(false);
        if (escalation is null || escalation.State != EscalationState.AwaitingResponse || escalation.ContactIndex != item.ContactIndex
            || escalation.CurrentContactDeliveredAt is not null || item.Contact is null)
        {
            // The escalation moved past this contact (answered, lapsed, cancelled) before it went out.
            await _store.CompleteOutboxAsync(item.Id, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (item.Contact.Channel != ContactChannel.Pager)
        {
            await PlacePhoneCallAsync(escalation, item, item.Contact, cancellationToken).ConfigureAwait(false);
            return;
        }

        var receipt = await _pager.SendPageAsync(new PageRequest(item.Contact.Address, item.Message, escalation.DeskCallbackNumber), cancellationToken).ConfigureAwait(false);
        var reference = $"page {receipt.MessageTag} to {item.Contact.Address}";
        Log.ContactDelivered(_logger, escalation.Id, item.Contact.Name, reference);
        await ApplyAsync(escalation.Id, new EscalationInput.ContactDelivered(item.ContactIndex, receipt, reference), cancellationToken, completedOutboxId: item.Id).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands the call to the gateway and returns without waiting for the ringing, so other
    /// escalations' timers and pages go on meanwhile. The outcome comes back through
    /// <see cref="ReportCallAnsweredAsync"/> or <see cref="ReportContactFailedAsync"/>; until
    /// then the contact's outbox item waits, and is tried again only if no outcome ever comes.
    /// </summary>
    private async Task PlacePhoneCallAsync(EscalationRecord escalation, OutboxItem item, EscalationContact contact, CancellationToken cancellationToken)
    {
        // Postponed and recorded before the INVITE leaves: a busy answer can come back within
        // milliseconds, and its report must find the call it names.
        await _store.PostponeOutboxAsync(item.Id, _time.GetUtcNow() + _options.PhoneOutcomeTimeout, cancellationToken).ConfigureAwait(false);
        var token = $"{item.ContactIndex}-{Guid.NewGuid():N}";
        var started = await ApplyAsync(escalation.Id, new EscalationInput.CallStarted(item.ContactIndex, token, item.Attempts, item.Id), cancellationToken).ConfigureAwait(false);
        if (started.CurrentCall?.Token != token)
        {
            // The escalation moved on meanwhile (answered, lapsed, cancelled): nothing to call.
            return;
        }

        var call = await _phone.PlaceCallAsync(new PhoneCallRequest(escalation.Id, escalation.ProblemNumber, contact.Address, item.Message, token), cancellationToken).ConfigureAwait(false);
        Log.CallPlaced(_logger, escalation.Id, contact.Name, call);
    }

    /// <summary>
    /// Settles a reported call outcome against the call the escalation still awaits; a report for
    /// any other call (an earlier one, a contact passed, a call already answered) changes nothing.
    /// </summary>
    /// <param name="failure">Null when the call was answered; else why it failed.</param>
    private async Task<EscalationRecord> ApplyCallOutcomeAsync(string escalationId, string token, string callReference, string? failure, CancellationToken cancellationToken)
    {
        var escalation = await GetRequiredAsync(escalationId, cancellationToken).ConfigureAwait(false);
        if (escalation.CurrentCall is not { } call || call.Token != token || escalation.State != EscalationState.AwaitingResponse
            || call.ContactIndex != escalation.ContactIndex)
        {
            return escalation;
        }

        if (failure is null)
        {
            var reference = $"call {callReference} to {escalation.CurrentContact.Address} answered";
            Log.ContactDelivered(_logger, escalationId, escalation.CurrentContact.Name, reference);
            return await ApplyAsync(escalationId, new EscalationInput.CallAnswered(token, reference), cancellationToken, completedOutboxId: call.OutboxId).ConfigureAwait(false);
        }

        // As when the call cannot be placed at all: a failed contact, and the same item retried with back-off.
        var after = await ApplyAsync(escalationId, new EscalationInput.CallFailed(token, failure), cancellationToken).ConfigureAwait(false);
        if (after.Version != escalation.Version && after.CurrentCall is null && after.ContactIndex == call.ContactIndex)
        {
            var retryAt = RetryAt(call.FailedBefore);
            Log.ContactFailed(_logger, escalationId, escalation.CurrentContact.ToString(), retryAt, failure);
            await _store.RescheduleOutboxAsync(call.OutboxId, retryAt, failure, cancellationToken).ConfigureAwait(false);
        }

        return after;
    }

    private Task DeliverNoticeAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var notice = new EscalationNotice(item.EscalationId, item.ProblemNumber, _time.GetUtcNow(), item.Message);
        return item.Kind switch
        {
            OutboxKind.DeferClosure => _cases.MarkClosureDeferredAsync(item.ProblemNumber, item.EscalationId, item.Message, cancellationToken),
            OutboxKind.NotifyDesk => _notifier.NotifyDeskAsync(notice, cancellationToken),
            OutboxKind.AlertSupervisor => _notifier.AlertSupervisorAsync(notice, cancellationToken),
            _ => throw new InvalidOperationException($"Outbox kind {item.Kind} is not a notice."),
        };
    }

    private DateTimeOffset RetryAt(OutboxItem item) => RetryAt(item.Attempts);

    private DateTimeOffset RetryAt(int failedBefore)
    {
        // Doubling back-off from the first retry delay, capped, so a pager outage is retried
        // often at first and then steadily without hammering the paging gateway.
        var factor = Math.Pow(2, Math.Min(failedBefore, 16));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.RetryInitialDelay.Ticks * factor, _options.RetryMaxDelay.Ticks));
        return _time.GetUtcNow() + delay;
    }
}
