using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

/// <summary>Case behaviour (R7, R9) over a real store; run once per store kind.</summary>
public abstract class CaseServiceContract : StoreTestBase
{
    /// <summary>The default caller, ACME-001, is under contract, so audits show only what each test does.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ImportAsync("customer_account,name,service_level,expiry_date\nACME-001,Acme Corp,Gold,2026-12-31\n");
    }

    [Fact]
    public async Task OpenCase_NewProblem_GetsCheckDigitNumberAndOpenStateWithAudit()
    {
        var opened = await OpenAsync();

        Assert.True(ProblemNumber.TryParse(opened.ProblemNumber.Digits, out _));
        Assert.Equal(CaseState.Open, opened.State);
        var detail = await Cases.GetCaseAsync(Agent, opened.ProblemNumber);
        Assert.Equal(opened, detail.Case);
        var audit = Assert.Single(detail.Audit);
        Assert.Equal(("CaseOpened", Agent.UserId, TestClock.Start), (audit.Action, audit.ActorId, audit.At));
    }

    [Fact]
    public async Task OpenCase_SeveralCases_NumbersAreDistinct()
    {
        var numbers = new HashSet<ProblemNumber>();
        for (var i = 0; i < 5; i++)
        {
            numbers.Add((await OpenAsync()).ProblemNumber);
        }

        Assert.Equal(5, numbers.Count);
    }

    [Fact]
    public async Task OpenCase_InitialSeverity_IsRecordedWithWhoAgreedAndWhen()
    {
        var opened = await OpenAsync(severity: Severity.S2);

        var history = (await Cases.GetCaseAsync(Agent, opened.ProblemNumber)).SeverityHistory;
        var first = Assert.Single(history);
        Assert.Null(first.From);
        Assert.Equal(Severity.S2, first.To);
        Assert.Equal("Pat Caller", first.Agreement.AgreedBy);
        Assert.Equal(TestClock.Start, first.Agreement.AgreedAt);
    }

    [Fact]
    public async Task OpenCase_EntitledAccount_IsNotFlaggedAndNothingInOutbox()
    {
        await ImportAsync("customer_account,name,service_level,expiry_date\nACME-001,Acme Corp,Gold,2026-12-31\n");

        var opened = await OpenAsync("acme-001");

        Assert.Equal(EntitlementStatus.Entitled, opened.Entitlement);
        Assert.False(opened.NotUnderContract);
        Assert.Empty(await Cases.ListOutboxAsync(Agent));
    }

    [Fact]
    public async Task OpenCase_UnknownAccount_ServedButFlaggedAndManufacturerNotifiedViaOutbox()
    {
        var opened = await OpenAsync("NOBODY-9");

        Assert.Equal(EntitlementStatus.Unknown, opened.Entitlement);
        Assert.True(opened.NotUnderContract);
        var message = Assert.Single(await Cases.ListOutboxAsync(Agent));
        Assert.Equal((OutboxKinds.NotUnderContract, "NetScreen", opened.ProblemNumber), (message.Kind, message.Manufacturer, message.ProblemNumber!.Value));
        Assert.Contains("NOBODY-9", message.PayloadJson, StringComparison.Ordinal);
        Assert.Contains((await Store.ListAuditAsync(opened.ProblemNumber)), a => a.Action == "NotUnderContract");
    }

    [Fact]
    public async Task OpenCase_ExpiredAccount_FlaggedAsExpired()
    {
        await ImportAsync("customer_account,name,service_level,expiry_date\nACME-001,Acme Corp,Gold,2026-03-01\n");

        var opened = await OpenAsync();

        Assert.Equal(EntitlementStatus.Expired, opened.Entitlement);
        Assert.Single(await Cases.ListOutboxAsync(Agent));
    }

    [Fact]
    public async Task OpenCase_NoEndUserAgreement_RejectedAndNothingStored()
    {
        var request = NewCaseFor() with { SeverityAgreement = new EndUserAgreement(" ", TestClock.Start, "IVR") };

        await ThrowsCase(CaseErrorCode.InvalidArgument, () => Cases.OpenCaseAsync(Agent, request));

        Assert.Empty(await Store.ListCasesAsync(new CaseQuery()));
    }

    [Fact]
    public async Task OpenCase_OversizedField_RejectedAndNothingStored()
    {
        var request = NewCaseFor() with { SerialNumber = new string('9', 201) };

        var ex = await ThrowsCase(CaseErrorCode.InvalidArgument, () => Cases.OpenCaseAsync(Agent, request));

        Assert.Contains("serial number", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.ListCasesAsync(new CaseQuery()));
    }

    [Fact]
    public async Task ChangeState_AllowedTransition_UpdatesStateAndAppendsAudit()
    {
        var opened = await OpenAsync();
        Clock.Advance(TimeSpan.FromMinutes(5));

        var changed = await Cases.ChangeStateAsync(AgentL2, opened.ProblemNumber, CaseState.InProgress, "working on it");

        Assert.Equal(CaseState.InProgress, changed.State);
        var audit = await Store.ListAuditAsync(opened.ProblemNumber);
        Assert.Equal(["CaseOpened", "StateChanged"], audit.Select(a => a.Action));
        Assert.Equal(("agent.l2", TestClock.Start.AddMinutes(5)), (audit[1].ActorId, audit[1].At));
        Assert.Contains("Open -> InProgress: working on it", audit[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeState_OpenToClosed_RejectedWithClearErrorAndNothingChanges()
    {
        var opened = await OpenAsync();

        var ex = await ThrowsCase(CaseErrorCode.InvalidTransition, () => Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.Closed));

        Assert.Contains("cannot go from Open to Closed", ex.Message, StringComparison.Ordinal);
        Assert.Equal(opened, await Store.GetCaseAsync(opened.ProblemNumber));
        Assert.Single(await Store.ListAuditAsync(opened.ProblemNumber));
    }

    [Fact]
    public async Task ChangeState_UnknownProblemNumber_NotFound()
    {
        await ThrowsCase(CaseErrorCode.NotFound, () => Cases.ChangeStateAsync(Agent, ProblemNumber.FromSequence(9_999_999), CaseState.InProgress));
    }

    [Fact]
    public async Task ChangeState_ResolveThenReopen_ClearsResolutionAndRearmsUpdates()
    {
        var opened = await OpenAsync(severity: Severity.S1);
        await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.Resolved);
        Clock.Advance(TimeSpan.FromHours(1));

        var reopened = await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.InProgress, "end user called back");

        Assert.Null(reopened.ResolvedAt);
        Assert.Equal(Clock.GetUtcNow().AddHours(4), reopened.NextUpdateDueAt);
    }

    [Fact]
    public async Task ChangeState_Escalated_FirstEscalationTimeKept()
    {
        var opened = await OpenAsync();
        await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.EscalatedToManufacturer);
        Clock.Advance(TimeSpan.FromHours(2));
        await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.InProgress);

        var again = await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.EscalatedToManufacturer);

        Assert.Equal(TestClock.Start, again.FirstEscalatedAt);
    }

    [Fact]
    public async Task ChangeSeverity_WithAgreement_RecordsHistoryAndRecomputesDueTime()
    {
        var opened = await OpenAsync(severity: Severity.S4);
        Clock.Advance(TimeSpan.FromMinutes(30));
        var agreement = new EndUserAgreement("Pat Caller", Clock.GetUtcNow(), "phone with agent");

        var changed = await Cases.ChangeSeverityAsync(Agent, opened.ProblemNumber, Severity.S1, agreement);

        // The cadence counts from the last update (intake at 14:00), now every 4 hours.
        Assert.Equal(TestClock.Start.AddHours(4), changed.NextUpdateDueAt);
        var history = await Store.ListSeverityHistoryAsync(opened.ProblemNumber);
        Assert.Equal([Severity.S4, Severity.S1], history.Select(h => h.To));
        Assert.Equal((Severity.S4, "Pat Caller", agreement.AgreedAt, Agent.UserId), (history[1].From, history[1].Agreement.AgreedBy, history[1].Agreement.AgreedAt, history[1].RecordedBy));
    }

    [Fact]
    public async Task ChangeSeverity_WithoutWhoAgreed_RejectedAndHistoryUnchanged()
    {
        var opened = await OpenAsync();

        await ThrowsCase(CaseErrorCode.InvalidArgument,
            () => Cases.ChangeSeverityAsync(Agent, opened.ProblemNumber, Severity.S1, new EndUserAgreement("", TestClock.Start, "phone")));

        Assert.Single(await Store.ListSeverityHistoryAsync(opened.ProblemNumber));
    }

    [Fact]
    public async Task AttachCall_DuplicateCallId_RejectedAndCaseUnchanged()
    {
        var opened = await OpenAsync();
        var call = new CallRecord { CallId = "call-1", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start };
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, call);
        var before = await Store.GetCaseAsync(opened.ProblemNumber);

        await ThrowsCase(CaseErrorCode.AlreadyExists, () => Cases.AttachCallAsync(Agent, opened.ProblemNumber, call));

        Assert.Equal(before, await Store.GetCaseAsync(opened.ProblemNumber));
        Assert.Single(await Store.ListCallsAsync(opened.ProblemNumber));
    }

    [Fact]
    public async Task AttachCall_EndsBeforeItStarts_RejectedAsInvalid()
    {
        var opened = await OpenAsync();
        var call = new CallRecord { CallId = "c", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start, EndedAt = TestClock.Start.AddMinutes(-1) };

        await ThrowsCase(CaseErrorCode.InvalidArgument, () => Cases.AttachCallAsync(Agent, opened.ProblemNumber, call));
    }

    [Fact]
    public async Task CompleteCall_AnsweredCall_LogsCaseWithWaitTalkAndRestartsCadence()
    {
        var opened = await OpenAsync(severity: Severity.S1);
        // 14:00 call arrives and queues; 14:03 answered; 14:20 ends and wrap-up logs it.
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord
        {
            CallId = "c1", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start, QueuedAt = TestClock.Start,
        });
        Clock.Advance(TimeSpan.FromMinutes(20));

        var call = await Cases.CompleteCallAsync(Agent, opened.ProblemNumber,
            new CallCompletion("c1", Clock.GetUtcNow(), "reset the VPN tunnel", TestClock.Start.AddMinutes(3), "agent.l1"));

        Assert.Equal((TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(17)), (call.WaitDuration!.Value, call.TalkDuration!.Value));
        Assert.Equal(Clock.GetUtcNow(), call.LoggedAt);
        Assert.Equal(call, await Store.GetCallAsync("c1"));
        var detail = await Cases.GetCaseAsync(Agent, opened.ProblemNumber);
        Assert.Contains(detail.Notes, n => n.Kind == NoteKind.CallLog && n.Text == "reset the VPN tunnel");
        Assert.Equal(Clock.GetUtcNow().AddHours(4), detail.Case.NextUpdateDueAt);
    }

    [Fact]
    public async Task CompleteCall_SecondTime_RejectedAsAlreadyLogged()
    {
        var opened = await OpenAsync();
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "c1", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start });
        await Cases.CompleteCallAsync(Agent, opened.ProblemNumber, new CallCompletion("c1", TestClock.Start, "abandoned in queue"));

        await ThrowsCase(CaseErrorCode.InvalidTransition,
            () => Cases.CompleteCallAsync(Agent, opened.ProblemNumber, new CallCompletion("c1", TestClock.Start, "again")));
    }

    [Fact]
    public async Task CompleteCall_CallOfAnotherCase_NotFound()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        await Cases.AttachCallAsync(Agent, first.ProblemNumber, new CallRecord { CallId = "c1", ProblemNumber = first.ProblemNumber, StartedAt = TestClock.Start });

        await ThrowsCase(CaseErrorCode.NotFound,
            () => Cases.CompleteCallAsync(Agent, second.ProblemNumber, new CallCompletion("c1", TestClock.Start, "log")));
    }

    [Fact]
    public async Task RaiseDueReminders_S1Case_RaisedOnceAtFourHoursAndRearmedByUpdate()
    {
        var opened = await OpenAsync(severity: Severity.S1);

        // 17:59:59 — one second short of the 4-hour cadence: nothing yet.
        Clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));
        Assert.Empty(await Cases.RaiseDueRemindersAsync(Actor.SystemActor));

        // 18:00 — due: raised once, and a second heartbeat does not repeat it.
        Clock.Advance(TimeSpan.FromSeconds(1));
        var reminder = Assert.Single(await Cases.RaiseDueRemindersAsync(Actor.SystemActor));
        Assert.Equal((opened.ProblemNumber, TestClock.Start.AddHours(4), TimeSpan.Zero), (reminder.ProblemNumber, reminder.DueAt, reminder.Overdue));
        Assert.Empty(await Cases.RaiseDueRemindersAsync(Actor.SystemActor));
        Assert.Single(await Cases.ListUpdatesDueAsync(Supervisor));

        // 18:10 — the agent updates the end user; the next reminder falls due at 22:10.
        Clock.Advance(TimeSpan.FromMinutes(10));
        await Cases.AddNoteAsync(Agent, opened.ProblemNumber, NoteKind.EndUserUpdate, "told the user we await a log file");
        Assert.Empty(await Cases.ListUpdatesDueAsync(Supervisor));
        Clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(TestClock.Start.AddHours(8).AddMinutes(10), Assert.Single(await Cases.RaiseDueRemindersAsync(Actor.SystemActor)).DueAt);
    }

    [Fact]
    public async Task Heartbeat_S1CaseFallsDue_StreamsOneReminderAndClosesResolvedCasesAtCutoff()
    {
        var due = await OpenAsync(severity: Severity.S1);
        var resolved = await OpenAsync();
        await Cases.ChangeStateAsync(Agent, resolved.ProblemNumber, CaseState.Resolved);
        using var stop = new CancellationTokenSource();
        var heartbeat = new CaseHeartbeat(Cases, Clock, TimeSpan.FromMinutes(1));
        await using var stream = heartbeat.RunAsync(stop.Token).GetAsyncEnumerator();

        // 14:00 the loop starts (its timer exists once MoveNextAsync returns); jump to 18:00,
        // when the S1 update falls due: the next pass streams exactly that reminder.
        var next = stream.MoveNextAsync();
        Clock.Advance(TimeSpan.FromHours(4));
        Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(due.ProblemNumber, stream.Current.ProblemNumber);

        // 19:31 the agent updates the end user: the next S1 update is due at 23:31, which is
        // also past the 23:30 closure cut-off. The pass that raises that reminder has already
        // run the closure sweep when it yields, so the resolved case is closed by then.
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 19, 31, 0, TimeSpan.Zero));
        await Cases.AddNoteAsync(Agent, due.ProblemNumber, NoteKind.EndUserUpdate, "still investigating");
        next = stream.MoveNextAsync();
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 23, 31, 0, TimeSpan.Zero));
        Assert.True(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal((due.ProblemNumber, Clock.GetUtcNow()), (stream.Current.ProblemNumber, stream.Current.DueAt));
        Assert.Equal(CaseState.Closed, (await Store.GetCaseAsync(resolved.ProblemNumber))!.State);

        // Shutdown ends the stream instead of throwing.
        next = stream.MoveNextAsync();
        await stop.CancelAsync();
        Assert.False(await next.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(Severity.S2, 24)]
    [InlineData(Severity.S3, 96)]
    [InlineData(Severity.S4, 192)]
    public async Task OpenCase_Severity_UpdateDueAfterCadence(Severity severity, int hours)
    {
        var opened = await OpenAsync(severity: severity);

        Assert.Equal(TestClock.Start.AddHours(hours), opened.NextUpdateDueAt);
    }

    [Fact]
    public async Task RaiseDueReminders_ResolvedCase_NeverReminds()
    {
        var opened = await OpenAsync(severity: Severity.S1);
        await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.Resolved);

        Clock.Advance(TimeSpan.FromHours(5));

        Assert.Empty(await Cases.RaiseDueRemindersAsync(Actor.SystemActor));
    }

    [Fact]
    public async Task CloseResolvedCases_BeforeAndAtCutoff_ClosesOnlyAtCutoffSameDay()
    {
        var opened = await OpenAsync();
        await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.Resolved);

        // 23:29 UTC (the desk calendar here is UTC): before the 23:30 cut-off, nothing closes.
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 23, 29, 0, TimeSpan.Zero));
        Assert.Empty(await Cases.CloseResolvedCasesAsync(Actor.SystemActor));

        Clock.Advance(TimeSpan.FromMinutes(1));
        var closed = Assert.Single(await Cases.CloseResolvedCasesAsync(Actor.SystemActor));

        Assert.Equal((CaseState.Closed, Clock.GetUtcNow()), (closed.State, closed.ClosedAt!.Value));
        Assert.Equal("ClosedSameDay", (await Store.ListAuditAsync(opened.ProblemNumber))[^1].Action);
    }

    [Fact]
    public async Task CloseResolvedCases_SweepAfterMidnight_ClosesAndAuditsAsLate()
    {
        var opened = await OpenAsync();
        await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.Resolved);

        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 0, 5, 0, TimeSpan.Zero));
        Assert.Single(await Cases.CloseResolvedCasesAsync(Actor.SystemActor));

        Assert.Equal("ClosedLate", (await Store.ListAuditAsync(opened.ProblemNumber))[^1].Action);
    }

    [Fact]
    public async Task ManufacturerTs_ListCases_SeesOnlyItsOwnEndUsersCases()
    {
        var ours = await OpenAsync(manufacturer: "NetScreen");
        await OpenAsync(manufacturer: "OtherCo");

        var listed = await Cases.ListCasesAsync(MfrTs, new CaseQuery { Manufacturer = "OtherCo" });

        Assert.Equal([ours.ProblemNumber], listed.Select(c => c.ProblemNumber));
        var access = Assert.Single(await Store.ListAccessAsync(MfrTs.UserId, 10));
        Assert.Equal(("CasesListed", Role.ManufacturerTs, TestClock.Start), (access.Action, access.ActorRole, access.At));
        Assert.Contains("1 case(s)", access.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCases_DeskAgent_SeesAllManufacturersAndLeavesNoAccessEntry()
    {
        await OpenAsync(manufacturer: "NetScreen");
        await OpenAsync(manufacturer: "OtherCo");

        Assert.Equal(2, (await Cases.ListCasesAsync(Agent, new CaseQuery())).Count);
        Assert.Empty(await Store.ListAccessAsync(Agent.UserId, 10));
    }

    [Fact]
    public async Task ManufacturerTs_ReadAnotherManufacturersCase_NotFound()
    {
        var theirs = await OpenAsync(manufacturer: "OtherCo");

        await ThrowsCase(CaseErrorCode.NotFound, () => Cases.GetCaseAsync(MfrTs, theirs.ProblemNumber));
        await ThrowsCase(CaseErrorCode.NotFound, () => Cases.AddNoteAsync(MfrTs, theirs.ProblemNumber, NoteKind.Status, "hello"));
    }

    [Fact]
    public async Task ManufacturerTs_ReadOwnCase_ReturnsDetailAndAuditsTheRead()
    {
        var ours = await OpenAsync();

        var detail = await Cases.GetCaseAsync(MfrTs, ours.ProblemNumber);

        Assert.Equal(ours.ProblemNumber, detail.Case.ProblemNumber);
        Assert.Contains(detail.Audit, a => a is { Action: "CaseViewed", ActorId: "mfr.ts", ActorRole: Role.ManufacturerTs });
    }

    [Fact]
    public async Task ManufacturerTs_StatusAndCorrectiveActionNotes_AllowedAndAudited()
    {
        var ours = await OpenAsync();

        await Cases.AddNoteAsync(MfrTs, ours.ProblemNumber, NoteKind.Status, "reproduced in lab");
        await Cases.AddNoteAsync(MfrTs, ours.ProblemNumber, NoteKind.CorrectiveAction, "firmware 5.0r3");

        var notes = await Store.ListNotesAsync(ours.ProblemNumber);
        Assert.Equal([NoteKind.Status, NoteKind.CorrectiveAction], notes.Select(n => n.Kind));
        Assert.Equal(2, (await Store.ListAuditAsync(ours.ProblemNumber)).Count(a => a.ActorId == "mfr.ts"));
    }

    [Fact]
    public async Task ManufacturerTs_DeskOnlyActions_PermissionDenied()
    {
        var ours = await OpenAsync();

        await ThrowsCase(CaseErrorCode.PermissionDenied, () => Cases.AddNoteAsync(MfrTs, ours.ProblemNumber, NoteKind.General, "x"));
        await ThrowsCase(CaseErrorCode.PermissionDenied, () => Cases.ChangeStateAsync(MfrTs, ours.ProblemNumber, CaseState.InProgress));
        await ThrowsCase(CaseErrorCode.PermissionDenied, () => Cases.OpenCaseAsync(MfrTs, NewCaseFor()));
        await ThrowsCase(CaseErrorCode.PermissionDenied, () => Cases.ListOutboxAsync(MfrTs));
        await ThrowsCase(CaseErrorCode.PermissionDenied,
            () => Cases.ChangeSeverityAsync(MfrTs, ours.ProblemNumber, Severity.S1, new EndUserAgreement("Pat", TestClock.Start, "phone")));
        Assert.Equal(ours, await Store.GetCaseAsync(ours.ProblemNumber));
    }

    [Fact]
    public async Task ManufacturerTs_HandBackForClosure_ResolvesEscalatedCase()
    {
        var ours = await OpenAsync();
        await Cases.ChangeStateAsync(AgentL2, ours.ProblemNumber, CaseState.EscalatedToManufacturer);

        var handedBack = await Cases.HandBackAsync(MfrTs, ours.ProblemNumber, HandBackReason.ForClosure, "replaced the power supply");

        Assert.Equal(CaseState.Resolved, handedBack.State);
        Assert.Equal("HandedBack", (await Store.ListAuditAsync(ours.ProblemNumber))[^1].Action);
    }

    [Fact]
    public async Task ManufacturerTs_HandBackCaseNotEscalated_RejectedAsInvalidTransition()
    {
        var ours = await OpenAsync();

        await ThrowsCase(CaseErrorCode.InvalidTransition, () => Cases.HandBackAsync(MfrTs, ours.ProblemNumber, HandBackReason.ForFurtherWork, "n/a"));
    }

    [Fact]
    public async Task AddNote_ConcurrentWriters_AllCommittedInOrderWithoutLostUpdates()
    {
        var opened = await OpenAsync();

        // Eight writers and eight retries: each conflict means another writer committed, so no
        // writer can lose more than seven times and every one must get through.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Cases.AddNoteAsync(Agent, opened.ProblemNumber, NoteKind.General, $"note {i}"))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        var record = await Store.GetCaseAsync(opened.ProblemNumber);
        Assert.Equal(9, record!.Version);
        Assert.Equal(8, (await Store.ListNotesAsync(opened.ProblemNumber)).Count);
        Assert.Equal(9, (await Store.ListAuditAsync(opened.ProblemNumber)).Count);
    }
}
