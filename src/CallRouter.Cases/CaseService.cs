using System.Text.Json;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases;

/// <summary>
/// Problem management (SPEC R7–R9): the one entry point a gRPC service, the portal or the
/// gateway calls. Each operation authorises the actor, reads the case, computes the new state
/// with its audit lines, and commits it as one <see cref="CaseChange"/>; a concurrent writer
/// makes it recompute (bounded), never overwrite. Time comes only from the TimeProvider.
/// </summary>
public sealed partial class CaseService
{
    private readonly ICaseStore _store;
    private readonly TimeProvider _time;
    private readonly CaseServiceOptions _options;
    private readonly EntitlementService _entitlements;

    public CaseService(ICaseStore store, TimeProvider timeProvider, CaseServiceOptions? options = null)
    {
        _store = store;
        _time = timeProvider;
        _options = options ?? new CaseServiceOptions();
        _entitlements = new EntitlementService(store, timeProvider, _options.Calendar);
    }

    public DeskCalendar Calendar => _options.Calendar;

    /// <summary>
    /// Opens a case at intake with the severity the caller confirmed. The entitlement list is
    /// checked; a caller not under contract is served anyway, the case is flagged and a
    /// "NotUnderContract" notification to the manufacturer is written to the outbox in the
    /// same transaction (SOW-A 4.0 IBM 2).
    /// </summary>
    public async Task<CaseRecord> OpenCaseAsync(Actor actor, NewCase request, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "open cases");
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Manufacturer, "manufacturer");
        Require(request.CustomerAccount, "customer account");
        Limit(request.EndUserName, "end user name");
        Limit(request.CallbackNumber, "call-back number");
        Limit(request.MachineModel, "machine model");
        Limit(request.SerialNumber, "serial number");
        UpdateCadence.ParseSeverity((int)request.Severity);
        var now = _time.GetUtcNow();
        ValidateAgreement(request.SeverityAgreement, now);

        var check = await _entitlements.CheckAsync(request.Manufacturer, request.CustomerAccount, cancellationToken).ConfigureAwait(false);
        var (entitlement, entry) = (check.Status, check.Entry);

        var number = await _store.AllocateProblemNumberAsync(cancellationToken).ConfigureAwait(false);
        var record = new CaseRecord
        {
            ProblemNumber = number,
            Manufacturer = request.Manufacturer,
            CustomerAccount = request.CustomerAccount.Trim(),
            EndUserName = request.EndUserName,
            CallbackNumber = request.CallbackNumber,
            MachineModel = request.MachineModel,
            SerialNumber = request.SerialNumber,
            Severity = request.Severity,
            State = CaseState.Open,
            Entitlement = entitlement,
            OpenedAt = now,
            OpenedBy = actor.UserId,
            UpdatedAt = now,
            LastEndUserUpdateAt = now,
            NextUpdateDueAt = now + UpdateCadence.For(request.Severity),
            Version = 1,
        };

        var audit = new List<AuditEntry>
        {
            Audit(actor, number, now, "CaseOpened", $"severity {request.Severity} agreed by {request.SeverityAgreement.AgreedBy}; account {record.CustomerAccount}"),
        };
        var outbox = new List<OutboxMessage>();
        if (entitlement != EntitlementStatus.Entitled)
        {
            audit.Add(Audit(actor, number, now, "NotUnderContract", $"entitlement {entitlement}; served and manufacturer notified"));
            var payload = JsonSerializer.Serialize(new
            {
                problemNumber = number.ToString(),
                customerAccount = record.CustomerAccount,
                reason = entitlement.ToString(),
                expiryDate = entry?.ExpiryDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                openedAt = now,
            });
            outbox.Add(new OutboxMessage(0, OutboxKinds.NotUnderContract, request.Manufacturer, number, payload, now, null));
        }

        await _store.CommitAsync(new CaseChange
        {
            Case = record,
            ExpectedVersion = 0,
            SeverityChanges = [new SeverityChange(number, null, request.Severity, request.SeverityAgreement, actor.UserId, now)],
            Audit = audit,
            Outbox = outbox,
        }, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Moves a case through the transition table; invalid transitions change nothing.</summary>
    public Task<CaseRecord> ChangeStateAsync(Actor actor, ProblemNumber problemNumber, CaseState to, string? reason = null, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "change case states");
        Limit(reason, "reason", MaxNoteText);
        return MutateAsync(actor, problemNumber, (current, now) =>
        {
            var next = ApplyState(current, to, now);
            var detail = $"{current.State} -> {to}" + (string.IsNullOrWhiteSpace(reason) ? "" : $": {reason}");
            return new CaseChange
            {
                Case = next,
                ExpectedVersion = current.Version,
                Audit = [Audit(actor, problemNumber, now, "StateChanged", detail)],
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Changes severity, only with the end user's agreement (A5 6.0): who agreed and when are
    /// kept in the severity history. The update-due time is recomputed from the last update at
    /// the new cadence.
    /// </summary>
    public Task<CaseRecord> ChangeSeverityAsync(Actor actor, ProblemNumber problemNumber, Severity to, EndUserAgreement agreement, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "change severity");
        UpdateCadence.ParseSeverity((int)to);
        return MutateAsync(actor, problemNumber, (current, now) =>
        {
            ValidateAgreement(agreement, now);
            if (current.State == CaseState.Closed)
            {
                throw new CaseException(CaseErrorCode.InvalidTransition, $"Case {problemNumber} is closed; its severity can no longer change.");
            }

            if (current.Severity == to)
            {
                throw new CaseException(CaseErrorCode.InvalidArgument, $"Case {problemNumber} is already severity {to}.");
            }

            var next = current with
            {
                Severity = to,
                UpdatedAt = now,
                Version = current.Version + 1,
                NextUpdateDueAt = CaseTransitions.IsActive(current.State) ? current.LastEndUserUpdateAt + UpdateCadence.For(to) : null,
            };
            return new CaseChange
            {
                Case = next,
                ExpectedVersion = current.Version,
                SeverityChanges = [new SeverityChange(problemNumber, current.Severity, to, agreement, actor.UserId, now)],
                Audit = [Audit(actor, problemNumber, now, "SeverityChanged", $"{current.Severity} -> {to}, agreed by {agreement.AgreedBy} at {agreement.AgreedAt:O} ({agreement.Channel})")],
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Adds a note. Mfr TS may add Status and CorrectiveAction notes to its own cases only.
    /// An EndUserUpdate note records that the end user was updated and restarts the cadence.
    /// </summary>
    public Task<CaseRecord> AddNoteAsync(Actor actor, ProblemNumber problemNumber, NoteKind kind, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role == Role.ManufacturerTs ? kind is not (NoteKind.Status or NoteKind.CorrectiveAction) : kind is NoteKind.HandBack or NoteKind.CallLog)
        {
            throw new CaseException(CaseErrorCode.PermissionDenied, $"{actor.Role} may not add {kind} notes this way.");
        }

        Require(text, "note text", MaxNoteText);
        return MutateAsync(actor, problemNumber, (current, now) =>
        {
            if (current.State == CaseState.Closed)
            {
                throw new CaseException(CaseErrorCode.InvalidTransition, $"Case {problemNumber} is closed; notes can no longer be added.");
            }

            var next = kind == NoteKind.EndUserUpdate ? WithEndUserUpdate(current, now) : current;
            return new CaseChange
            {
                Case = next with { UpdatedAt = now, Version = current.Version + 1 },
                ExpectedVersion = current.Version,
                Notes = [new CaseNote(problemNumber, kind, text, actor.UserId, actor.Role, now)],
                Audit = [Audit(actor, problemNumber, now, "NoteAdded", $"{kind}: {Shorten(text)}")],
            };
        }, cancellationToken);
    }

    /// <summary>Mfr TS hands an escalated case back to the desk (A5 2.0 Mfr 2d/2e).</summary>
    public Task<CaseRecord> HandBackAsync(Actor actor, ProblemNumber problemNumber, HandBackReason reason, string note, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureRole(actor, "hand cases back", Role.ManufacturerTs);
        Require(note, "hand-back note", MaxNoteText);
        return MutateAsync(actor, problemNumber, (current, now) =>
        {
            if (current.State != CaseState.EscalatedToManufacturer)
            {
                throw new CaseException(CaseErrorCode.InvalidTransition,
                    $"Case {problemNumber} is {current.State}; only a case escalated to the manufacturer can be handed back.");
            }

            var to = reason == HandBackReason.ForClosure ? CaseState.Resolved : CaseState.InProgress;
            return new CaseChange
            {
                Case = ApplyState(current, to, now),
                ExpectedVersion = current.Version,
                Notes = [new CaseNote(problemNumber, NoteKind.HandBack, note, actor.UserId, actor.Role, now)],
                Audit = [Audit(actor, problemNumber, now, "HandedBack", $"{reason}: {current.State} -> {to}: {Shorten(note)}")],
            };
        }, cancellationToken);
    }

    private static CaseRecord ApplyState(CaseRecord current, CaseState to, DateTimeOffset now)
    {
        CaseTransitions.EnsureAllowed(current.ProblemNumber, current.State, to);
        var next = current with { State = to, UpdatedAt = now, Version = current.Version + 1 };
        return to switch
        {
            CaseState.EscalatedToManufacturer => next with { FirstEscalatedAt = current.FirstEscalatedAt ?? now },
            CaseState.Resolved => next with { ResolvedAt = now, NextUpdateDueAt = null },
            CaseState.Closed => next with { ClosedAt = now, NextUpdateDueAt = null },

            // Reopened: the resolution no longer stands and the end user is owed updates again.
            _ when current.State == CaseState.Resolved => next with
            {
                ResolvedAt = null,
                LastEndUserUpdateAt = now,
                NextUpdateDueAt = now + UpdateCadence.For(current.Severity),
            },
            _ => next,
        };
    }

    private static CaseRecord WithEndUserUpdate(CaseRecord current, DateTimeOffset at) =>
        current with
        {
            LastEndUserUpdateAt = at,
            NextUpdateDueAt = CaseTransitions.IsActive(current.State) ? at + UpdateCadence.For(current.Severity) : null,
        };

    /// <summary>Read, compute, commit; on a version conflict read again, a bounded number of times.</summary>
    private Task<CaseRecord> MutateAsync(Actor actor, ProblemNumber problemNumber, Func<CaseRecord, DateTimeOffset, CaseChange> build, CancellationToken cancellationToken) =>
        MutateAsync(actor, problemNumber, (current, now) => Task.FromResult(build(current, now)), cancellationToken);

    private async Task<CaseRecord> MutateAsync(Actor actor, ProblemNumber problemNumber, Func<CaseRecord, DateTimeOffset, Task<CaseChange>> build, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await LoadVisibleAsync(actor, problemNumber, cancellationToken).ConfigureAwait(false);
            var change = await build(current, _time.GetUtcNow()).ConfigureAwait(false);
            try
            {
                await _store.CommitAsync(change, cancellationToken).ConfigureAwait(false);
                return change.Case;
            }
            catch (CaseException ex) when (ex.Code == CaseErrorCode.Conflict && attempt < _options.MaxConflictRetries)
            {
                // Someone else changed the case between our read and our write: recompute on fresh data.
            }
        }
    }

    private async Task<CaseRecord> LoadVisibleAsync(Actor actor, ProblemNumber problemNumber, CancellationToken cancellationToken)
    {
        var record = await _store.GetCaseAsync(problemNumber, cancellationToken).ConfigureAwait(false);
        if (record is null || !CasePermissions.CanSee(actor, record))
        {
            throw new CaseException(CaseErrorCode.NotFound, $"No case {problemNumber}.");
        }

        return record;
    }

    private static void ValidateAgreement(EndUserAgreement? agreement, DateTimeOffset now)
    {
        if (agreement is null || string.IsNullOrWhiteSpace(agreement.AgreedBy))
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, "Severity is set only with the end user's agreement: say who agreed.");
        }

        Limit(agreement.AgreedBy, "name of who agreed");
        Limit(agreement.Channel, "agreement channel");

        if (agreement.AgreedAt > now)
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"The end user's agreement is dated {agreement.AgreedAt:O}, in the future.");
        }
    }

    // Identifiers and names are short; free text is bounded so one bad request cannot bloat the store.
    private const int MaxShortText = 200;
    private const int MaxNoteText = 8000;

    private static void Require(string? value, string what, int maxLength = MaxShortText)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"The {what} is required.");
        }

        Limit(value, what, maxLength);
    }

    private static void Limit(string? value, string what, int maxLength = MaxShortText)
    {
        if (value is not null && value.Length > maxLength)
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"The {what} is longer than {maxLength} characters.");
        }
    }

    private static AuditEntry Audit(Actor actor, ProblemNumber problemNumber, DateTimeOffset at, string action, string detail) =>
        new(0, problemNumber, at, actor.UserId, actor.Role, action, detail);

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
