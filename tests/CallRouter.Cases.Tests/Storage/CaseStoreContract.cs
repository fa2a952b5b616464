using CallRouter.Cases.Domain;
using CallRouter.Cases.Entitlement;
using CallRouter.Cases.Storage;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

/// <summary>What every <see cref="ICaseStore"/> must do; run once per store kind.</summary>
public abstract class CaseStoreContract : StoreTestBase
{
    [Fact]
    public async Task Migrate_FreshDatabase_ReachesLatestSchemaVersion()
    {
        Assert.Equal(4, await Store.GetSchemaVersionAsync());
    }

    [Fact]
    public async Task Migrate_RunAgain_IsIdempotentAndKeepsData()
    {
        var opened = await OpenAsync();

        await Store.MigrateAsync();

        Assert.Equal(4, await Store.GetSchemaVersionAsync());
        Assert.Equal(opened, await Store.GetCaseAsync(opened.ProblemNumber));
    }

    [Fact]
    public async Task AllocateProblemNumber_ConcurrentCallers_NeverShareANumber()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Store.AllocateProblemNumberAsync())))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(40, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.True(n.Sequence >= ProblemNumber.FirstSequence));
    }

    [Fact]
    public async Task Commit_StaleExpectedVersion_ConflictAndNothingWritten()
    {
        var opened = await OpenAsync();
        var stale = new CaseChange
        {
            Case = opened with { State = CaseState.InProgress, Version = 2 },
            ExpectedVersion = 1,
            Audit = [new AuditEntry(0, opened.ProblemNumber, TestClock.Start, "a", Role.L1Agent, "First", "")],
        };
        await Store.CommitAsync(stale);

        await ThrowsCase(CaseErrorCode.Conflict, () => Store.CommitAsync(stale with
        {
            Case = opened with { State = CaseState.PendingEndUser, Version = 2 },
            Audit = [new AuditEntry(0, opened.ProblemNumber, TestClock.Start, "b", Role.L1Agent, "Second", "")],
        }));

        Assert.Equal(CaseState.InProgress, (await Store.GetCaseAsync(opened.ProblemNumber))!.State);
        Assert.DoesNotContain(await Store.ListAuditAsync(opened.ProblemNumber), a => a.Action == "Second");
    }

    [Fact]
    public async Task Commit_ChangeFailsHalfway_NothingOfItIsWritten()
    {
        var opened = await OpenAsync();
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "dup", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start });
        var current = (await Store.GetCaseAsync(opened.ProblemNumber))!;

        // The case update and first call are valid; the second call is a duplicate, so the whole change must roll back.
        await ThrowsCase(CaseErrorCode.AlreadyExists, () => Store.CommitAsync(new CaseChange
        {
            Case = current with { State = CaseState.InProgress, Version = current.Version + 1 },
            ExpectedVersion = current.Version,
            NewCalls =
            [
                new CallRecord { CallId = "fresh", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start },
                new CallRecord { CallId = "dup", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start },
            ],
        }));

        Assert.Equal(current, await Store.GetCaseAsync(opened.ProblemNumber));
        Assert.Null(await Store.GetCallAsync("fresh"));
    }

    [Fact]
    public async Task Commit_ManyConcurrentWithOneBad_OnlyTheBadOneFails()
    {
        var cases = new List<CaseRecord>();
        for (var i = 0; i < 30; i++)
        {
            cases.Add(await OpenAsync());
        }

        await Cases.AttachCallAsync(Agent, cases[0].ProblemNumber, new CallRecord { CallId = "taken", ProblemNumber = cases[0].ProblemNumber, StartedAt = TestClock.Start });
        cases[0] = (await Store.GetCaseAsync(cases[0].ProblemNumber))!;

        // Thirty changes at once (a group-committing store may put them in one transaction);
        // only the change that reuses a call id may fail.
        var commits = cases.Select((c, i) => Task.Run(() => Store.CommitAsync(new CaseChange
        {
            Case = c with { State = CaseState.InProgress, Version = c.Version + 1 },
            ExpectedVersion = c.Version,
            NewCalls = [new CallRecord { CallId = i == 7 ? "taken" : $"call-{i}", ProblemNumber = c.ProblemNumber, StartedAt = TestClock.Start }],
        }))).ToArray();
        var all = Task.WhenAll(commits);
        await Assert.ThrowsAsync<CaseException>(() => all.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(CaseErrorCode.AlreadyExists, Assert.IsType<CaseException>(commits[7].Exception!.InnerException).Code);
        Assert.Equal(29, commits.Count(t => t.IsCompletedSuccessfully));
        var states = new List<CaseState>();
        foreach (var c in cases)
        {
            states.Add((await Store.GetCaseAsync(c.ProblemNumber))!.State);
        }

        Assert.Equal(29, states.Count(s => s == CaseState.InProgress));
        Assert.Equal(CaseState.Open, states[7]);
    }

    [Fact]
    public async Task Commit_ChangeFailingUnexpectedly_FailsAloneAndStoreKeepsCommitting()
    {
        var opened = await OpenAsync();
        var broken = new CaseChange
        {
            Case = opened with { Version = 2 },
            ExpectedVersion = 1,
            SeverityChanges = [new SeverityChange(opened.ProblemNumber, null, Severity.S1, null!, "agent", TestClock.Start)],
        };

        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync(broken).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, (await Store.GetCaseAsync(opened.ProblemNumber))!.Version);
        var changed = await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.InProgress).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, changed.Version);
    }

    [Fact]
    public async Task Reopen_AfterDispose_EveryAcknowledgedWriteIsThere()
    {
        var opened = await OpenAsync(severity: Severity.S2);
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord
        {
            CallId = "c1", ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start, AnsweredAt = TestClock.Start, FromManufacturer = true,
        });
        await Cases.ChangeStateAsync(Agent, opened.ProblemNumber, CaseState.EscalatedToManufacturer);
        var expected = await Cases.GetCaseAsync(Agent, opened.ProblemNumber);

        await using var reopened = await Factory.ReopenAsync(Store, Clock);
        var service = new CaseService(reopened, Clock);
        var actual = await service.GetCaseAsync(Agent, opened.ProblemNumber);

        Assert.Equal(expected.Case, actual.Case);
        Assert.Equal(expected.Calls, actual.Calls);
        Assert.Equal(expected.SeverityHistory, actual.SeverityHistory);
        Assert.Equal(expected.Audit, actual.Audit);
    }

    [Fact]
    public async Task StreamCalls_HalfOpenRange_IncludesStartExcludesEnd()
    {
        var opened = await OpenAsync();
        foreach (var (id, minutes) in new[] { ("before", -1), ("at-start", 0), ("inside", 30), ("at-end", 60) })
        {
            Clock.SetUtcNow(TestClock.Start.AddMinutes(Math.Max(minutes, 0)));
            await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = id, ProblemNumber = opened.ProblemNumber, StartedAt = TestClock.Start.AddMinutes(minutes) });
        }

        var ids = new List<string>();
        await foreach (var call in Store.StreamCallsAsync(TestClock.Start, TestClock.Start.AddHours(1)))
        {
            ids.Add(call.CallId);
        }

        Assert.Equal(["at-start", "inside"], ids);
    }

    [Fact]
    public async Task ListCaseBilling_MixedCalls_SumsAnsweredEndUserTalkOnly()
    {
        var opened = await OpenAsync();
        var t = TestClock.Start;
        Clock.Advance(TimeSpan.FromHours(2));
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "user1", ProblemNumber = opened.ProblemNumber, StartedAt = t, AnsweredAt = t.AddMinutes(1), EndedAt = t.AddMinutes(21) });
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "user2", ProblemNumber = opened.ProblemNumber, StartedAt = t.AddMinutes(30), AnsweredAt = t.AddMinutes(30), EndedAt = t.AddMinutes(47) });
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "mfr", ProblemNumber = opened.ProblemNumber, StartedAt = t, AnsweredAt = t, EndedAt = t.AddMinutes(50), FromManufacturer = true });
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "gone", ProblemNumber = opened.ProblemNumber, StartedAt = t, EndedAt = t.AddMinutes(2) });

        var row = Assert.Single(await Store.ListCaseBillingAsync("NetScreen", t, t.AddDays(1)));

        Assert.Equal((opened.ProblemNumber, 2, TimeSpan.FromMinutes(37)), (row.ProblemNumber, row.AnsweredBillableCalls, row.BillableTalk));
        Assert.Empty(await Store.ListCaseBillingAsync("OtherCo", t, t.AddDays(1)));
    }

    [Fact]
    public async Task Outbox_MarkDelivered_LeavesPendingListAndSecondMarkIsNotFound()
    {
        await OpenAsync("UNKNOWN-1");
        var message = Assert.Single(await Store.ListOutboxAsync(undeliveredOnly: true, 10));

        await Store.MarkOutboxDeliveredAsync(message.Id, TestClock.Start.AddMinutes(1));

        Assert.Empty(await Store.ListOutboxAsync(undeliveredOnly: true, 10));
        Assert.Equal(TestClock.Start.AddMinutes(1), Assert.Single(await Store.ListOutboxAsync(undeliveredOnly: false, 10)).DeliveredAt);
        await ThrowsCase(CaseErrorCode.NotFound, () => Store.MarkOutboxDeliveredAsync(message.Id, TestClock.Start));
    }

    [Fact]
    public async Task ListCases_Paging_WalksAllCasesInOrderWithoutRepeats()
    {
        var opened = new List<ProblemNumber>();
        for (var i = 0; i < 7; i++)
        {
            opened.Add((await OpenAsync()).ProblemNumber);
        }

        var seen = new List<ProblemNumber>();
        ProblemNumber? after = null;
        IReadOnlyList<CaseRecord> page;
        do
        {
            page = await Store.ListCasesAsync(new CaseQuery { After = after, Limit = 3 });
            seen.AddRange(page.Select(c => c.ProblemNumber));
            after = page.Count > 0 ? page[^1].ProblemNumber : after;
        }
        while (page.Count == 3);

        Assert.Equal(opened.OrderBy(n => n.Digits, StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task ListCases_PageSizeOutOfRange_InvalidArgument()
    {
        await ThrowsCase(CaseErrorCode.InvalidArgument, () => Store.ListCasesAsync(new CaseQuery { Limit = 0 }));
    }

    [Fact]
    public async Task SaveEntitlementImport_Rejected_KeptInHistoryButNotActivated()
    {
        var import = new EntitlementImportRecord
        {
            Manufacturer = "NetScreen", SourceName = "bad.csv", ImportedBy = "admin", ImportedAt = TestClock.Start, Accepted = false, RowCount = 1,
            Errors = [new EntitlementImportError(2, "expiry_date", "not a date")],
        };

        await Store.SaveEntitlementImportAsync(import, [new EntitlementEntry("A", "B", "C", new DateOnly(2030, 1, 1))]);

        Assert.Equal(0, await Store.CountActiveEntitlementsAsync("NetScreen"));
        var history = Assert.Single(await Store.ListEntitlementImportsAsync("NetScreen"));
        Assert.Equal(import.Errors, history.Errors);
    }
}
