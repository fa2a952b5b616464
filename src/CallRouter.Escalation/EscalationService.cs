using CallRouter.Escalation.Calendar;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Ports;
using CallRouter.Escalation.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallRouter.Escalation;

/// <summary>
/// Escalation of cases to Mfr TS (SPEC R10): the API the desk calls, over the pure
/// <see cref="EscalationMachine"/>, the durable <see cref="IEscalationStore"/> and the channels.
/// The heartbeat half (timers, outbox, status polling, forwarding to the case service) is in
/// EscalationService.Heartbeat.cs and is driven by <see cref="EscalationScheduler"/>.
/// </summary>
public sealed partial class EscalationService
{
    private const int BatchSize = 100;
    private const int MaxConflictRetries = 5;

    private readonly IEscalationStore _store;
    private readonly IEscalationCaseGateway _cases;
    private readonly IPagerChannel _pager;
    private readonly IManufacturerPhoneChannel _phone;
    private readonly IEscalationNotifier _notifier;
    private readonly ContactPathPolicy _paths;
    private readonly EscalationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EscalationService(
        IEscalationStore store,
        IEscalationCaseGateway cases,
        IPagerChannel pager,
        IManufacturerPhoneChannel phone,
        IEscalationNotifier notifier,
        ContactPathPolicy paths,
        EscalationOptions options,
        TimeProvider time,
        ILogger<EscalationService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _cases = cases ?? throw new ArgumentNullException(nameof(cases));
        _pager = pager ?? throw new ArgumentNullException(nameof(pager));
        _phone = phone ?? throw new ArgumentNullException(nameof(phone));
        _notifier = notifier ?? throw new ArgumentNullException(nameof(notifier));
        _paths = paths ?? throw new ArgumentNullException(nameof(paths));
        _options = options;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<EscalationService>.Instance;
    }

    public ContactPathPolicy Paths => _paths;

    public Task InitializeAsync(CancellationToken cancellationToken) => _store.InitializeAsync(cancellationToken);

    /// <summary>
    /// Escalates a case to Level 3 now: picks the path for this instant, fixes the contact chain,
    /// stores the escalation with its first contact and response timer. The contact itself goes
    /// out on the next heartbeat (call <see cref="EscalationScheduler.Wake"/> to make that immediate).
    /// </summary>
    /// <exception cref="EscalationException">InvalidArgument, UnknownCase, or AlreadyEscalated (an open escalation exists).</exception>
    public async Task<EscalationRecord> EscalateAsync(EscalationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireText(request.ProblemNumber, "problem number");
        RequireText(request.DeskContactName, "desk contact name");
        RequireText(request.DeskCallbackNumber, "desk call-back number");
        RequireText(request.RequestedBy, "requesting user");
        if (!await _cases.CaseExistsAsync(request.ProblemNumber, cancellationToken).ConfigureAwait(false))
        {
            throw new EscalationException(EscalationErrorCode.UnknownCase, $"There is no case {request.ProblemNumber} to escalate.");
        }

        var existing = await _store.ListForCaseAsync(request.ProblemNumber, cancellationToken).ConfigureAwait(false);
        if (existing.FirstOrDefault(e => !e.IsOver) is { } open)
        {
            throw new EscalationException(EscalationErrorCode.AlreadyEscalated, $"Case {request.ProblemNumber} is already escalated ({open.Id}, {open.State}).");
        }

        var now = _time.GetUtcNow();
        var path = _paths.PathAt(now);
        var start = new EscalationInput.Start($"{request.ProblemNumber}-E{existing.Count + 1}", request, path, ContactsFor(path),
            path == ContactPath.ManufacturerPhone ? _options.InHoursResponseWindow : _options.OutOfHoursResponseWindow);
        var decision = EscalationMachine.Start(start, now);
        try
        {
            await _store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = now }, cancellationToken).ConfigureAwait(false);
        }
        catch (EscalationException ex) when (ex.Code == EscalationErrorCode.Conflict)
        {
            throw new EscalationException(EscalationErrorCode.AlreadyEscalated, $"Case {request.ProblemNumber} was escalated by another request at the same moment.");
        }

        Log.EscalationStarted(_logger, decision.State.Id, request.ProblemNumber, path.ToString());
        return decision.State;
    }

    /// <summary>Mfr TS answered (DTMF acknowledgment through the gateway, or an agent through the API).</summary>
    public Task<EscalationRecord> RecordResponseAsync(string escalationId, string responder, string via, CancellationToken cancellationToken)
    {
        RequireText(responder, "responder");
        return ApplyAsync(escalationId, new EscalationInput.Responded(responder, via), cancellationToken);
    }

    /// <summary>
    /// The gateway reports that the call it was handed (named by <paramref name="token"/>, see
    /// <see cref="PhoneCallRequest.Token"/>) was answered: the contact is delivered and the response
    /// window restarts from now. A report for a call the escalation has moved past changes nothing.
    /// </summary>
    /// <exception cref="EscalationException">InvalidArgument or UnknownEscalation.</exception>
    public Task<EscalationRecord> ReportCallAnsweredAsync(string escalationId, string token, string callReference, CancellationToken cancellationToken)
    {
        RequireText(token, "call token");
        RequireText(callReference, "call reference");
        return ApplyCallOutcomeAsync(escalationId, token, callReference, failure: null, cancellationToken);
    }

    /// <summary>
    /// The gateway reports that the call it was handed was busy, not answered or failed after it
    /// was placed: recorded as a failed contact and retried with back-off, exactly as a call that
    /// could not be placed at all. A report for a call the escalation has moved past (a later call,
    /// the next contact, an answer) changes nothing.
    /// </summary>
    /// <exception cref="EscalationException">InvalidArgument or UnknownEscalation.</exception>
    public Task<EscalationRecord> ReportContactFailedAsync(string escalationId, string token, string reason, CancellationToken cancellationToken)
    {
        RequireText(token, "call token");
        RequireText(reason, "reason");
        return ApplyCallOutcomeAsync(escalationId, token, "", $"phone: {reason}", cancellationToken);
    }

    /// <summary>Mfr TS hands the case back to the desk; the escalation ends and its timers are cancelled.</summary>
    public Task<EscalationRecord> HandBackAsync(string escalationId, string by, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(escalationId, new EscalationInput.HandedBack(by, reason), cancellationToken);

    /// <summary>The desk withdraws the escalation.</summary>
    public Task<EscalationRecord> CancelAsync(string escalationId, string by, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(escalationId, new EscalationInput.Cancel(by, reason), cancellationToken);

    /// <summary>
    /// Status at any time (SOW-A 6.1 item 4): asks the paging side about the page in flight, if
    /// any, acts on what it says (an answer or a "cannot reach"), and records the query.
    /// </summary>
    public async Task<EscalationStatus> QueryStatusAsync(string escalationId, string by, CancellationToken cancellationToken)
    {
        var escalation = await GetRequiredAsync(escalationId, cancellationToken).ConfigureAwait(false);
        PageStatus? page = null;
        var pageText = "";
        if (!escalation.IsOver && escalation.CurrentContact.Channel == ContactChannel.Pager && escalation.CurrentReceipt is { } receipt)
        {
            try
            {
                page = await _pager.QueryStatusAsync(receipt, cancellationToken).ConfigureAwait(false);
                pageText = $"; paging side: {page.State} ({page.Detail})";
                escalation = await ApplyPageStatusAsync(escalation, page, cancellationToken).ConfigureAwait(false);
            }
            catch (ContactChannelException ex)
            {
                pageText = $"; paging side not answering: {ex.Message}";
            }
        }

        var now = _time.GetUtcNow();
        TimeSpan? left = escalation.ResponseDueAt is { } due ? due - now : null;
        var summary = $"{escalation.State}, contact {escalation.CurrentContact.Name}"
            + (left is { } l ? $", response due in {l.TotalMinutes:0.#} min" : "") + pageText;
        escalation = await ApplyAsync(escalationId, new EscalationInput.StatusQueried(by, summary), cancellationToken).ConfigureAwait(false);
        return new EscalationStatus(escalation, page, summary, left);
    }

    /// <summary>
    /// The PTAS's "cannot reach" notice arriving by push (a webhook such as the simulator's
    /// --notify-url) rather than by the polled SNPP status: same effect as a polled 889 — desk
    /// told, closure deferred, next contact. A notice for a page no longer current changes nothing.
    /// </summary>
    /// <exception cref="EscalationException">UnknownEscalation: no open escalation has this page out.</exception>
    public async Task<EscalationRecord> ReportUnreachableAsync(string messageTag, string detail, CancellationToken cancellationToken)
    {
        RequireText(messageTag, "message tag");
        var open = await _store.ListOpenAsync(cancellationToken).ConfigureAwait(false);
        var escalation = open.FirstOrDefault(e => e.CurrentReceipt?.MessageTag == messageTag)
            ?? throw new EscalationException(EscalationErrorCode.UnknownEscalation, $"No open escalation has page {messageTag} out.");
        return await ApplyAsync(escalation.Id, new EscalationInput.Unreachable(escalation.ContactIndex, $"{escalation.CurrentContact.Name} reports Mfr TS cannot be reached ({detail})"), cancellationToken).ConfigureAwait(false);
    }

    public Task<EscalationRecord?> GetAsync(string escalationId, CancellationToken cancellationToken) => _store.GetAsync(escalationId, cancellationToken);

    public Task<IReadOnlyList<EscalationRecord>> ListForCaseAsync(string problemNumber, CancellationToken cancellationToken) =>
        _store.ListForCaseAsync(problemNumber, cancellationToken);

    public Task<IReadOnlyList<EscalationEvent>> ListEventsAsync(string escalationId, CancellationToken cancellationToken) =>
        _store.ListEventsAsync(escalationId, cancellationToken);

    private IReadOnlyList<EscalationContact> ContactsFor(ContactPath path) => path switch
    {
        ContactPath.ManufacturerPhone => [_options.ManufacturerPhone, .. _options.OnCallChain],
        ContactPath.Ptas => [_options.Ptas, .. _options.OnCallChain],
        _ => [.. _options.OnCallChain],
    };

    /// <summary>
    /// Reads, decides and commits one input, re-reading when another writer got there first.
    /// A consumed timer or outbox item is settled even when the input turns out to change nothing.
    /// </summary>
    private async Task<EscalationRecord> ApplyAsync(string escalationId, EscalationInput input, CancellationToken cancellationToken,
        long? firedTimerId = null, long? completedOutboxId = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var escalation = await GetRequiredAsync(escalationId, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var decision = EscalationMachine.Decide(escalation, input, now);
            var next = decision.Ignored ? escalation : decision.State with { Version = escalation.Version + 1 };
            if (decision.Ignored && firedTimerId is null && completedOutboxId is null)
            {
                return escalation;
            }

            try
            {
                await _store.CommitAsync(new EscalationCommit
                {
                    Escalation = decision.Ignored ? null : next,
                    ExpectedVersion = escalation.Version,
                    Effects = decision.Effects,
                    FiredTimerId = firedTimerId,
                    CompletedOutboxId = completedOutboxId,
                    Now = now,
                }, cancellationToken).ConfigureAwait(false);
                if (!decision.Ignored)
                {
                    Log.InputApplied(_logger, escalationId, input.GetType().Name, next.State.ToString());
                }

                return next;
            }
            catch (EscalationException ex) when (ex.Code == EscalationErrorCode.Conflict && attempt < MaxConflictRetries && firedTimerId is null)
            {
                // Another writer (the heartbeat, a second agent) moved the escalation; decide again on fresh state.
            }
        }
    }

    private async Task<EscalationRecord> GetRequiredAsync(string escalationId, CancellationToken cancellationToken)
    {
        RequireText(escalationId, "escalation id");
        return await _store.GetAsync(escalationId, cancellationToken).ConfigureAwait(false)
            ?? throw new EscalationException(EscalationErrorCode.UnknownEscalation, $"There is no escalation {escalationId}.");
    }

    private static void RequireText(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new EscalationException(EscalationErrorCode.InvalidArgument, $"The {what} is missing.");
        }
    }
}
