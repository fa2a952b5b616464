using CallRouter.Cases.Billing;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Reports;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

/// <summary>
/// A call L1 transferred to L2 is one call on its case: the store keeps when it was transferred, by whom and when
/// L2 answered, the case's talk (reports, billing) leaves the caller's wait for L2 out, and calls written before
/// these fields existed read as they always did. Run once per store kind.
/// </summary>
public abstract class TransferredCallContract : StoreTestBase
{
    private static readonly BillingTerms s_terms = BillingTerms.FromContract("NetScreen", new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1));

    /// <summary>
    /// Attaches a call that arrives now and logs it as wrap-up would, the clock moving along: answered (t0) after
    /// <paramref name="wait"/>, transferred (t1) after <paramref name="level1Talk"/>, answered by L2 (t2) after
    /// <paramref name="level2Wait"/> unless <paramref name="level2Talk"/> is null (the caller hangs up then), ended (t3).
    /// </summary>
    private async Task<CallRecord> TransferredCallAsync(ProblemNumber number, string callId, TimeSpan wait, TimeSpan level1Talk, TimeSpan level2Wait, TimeSpan? level2Talk)
    {
        var started = Clock.GetUtcNow();
        await Cases.AttachCallAsync(Agent, number, new CallRecord { CallId = callId, ProblemNumber = number, StartedAt = started, QueuedAt = started });
        var t0 = started + wait;
        var t1 = t0 + level1Talk;
        var t2 = t1 + level2Wait;
        var t3 = level2Talk is { } talk ? t2 + talk : t2;
        Clock.Advance(t3 - started);
        return await Cases.CompleteCallAsync(Agent, number, new CallCompletion(callId, t3, "worked the case", t0,
            level2Talk is null ? "agent.l1" : "agent.l2", TransferredAt: t1, TransferredBy: "agent.l1", Level2AnsweredAt: level2Talk is null ? null : t2));
    }

    [Fact]
    public async Task CompleteCall_TransferredAndAnsweredByL2_StoresTheTransferAndTalksL1PlusL2()
    {
        var opened = await OpenAsync();
        var t = Clock.GetUtcNow();

        var call = await TransferredCallAsync(opened.ProblemNumber, "c1", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(5));

        Assert.Equal((t.AddMinutes(1), t.AddMinutes(11), "agent.l1", t.AddMinutes(18), t.AddMinutes(23)),
            (call.AnsweredAt, call.TransferredAt, call.TransferredBy, call.Level2AnsweredAt, call.EndedAt));
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(7)),
            (call.WaitDuration!.Value, call.TalkDuration!.Value, call.Level2WaitDuration!.Value));
        Assert.Equal(call, await Store.GetCallAsync("c1"));
        var detail = await Cases.GetCaseAsync(Agent, opened.ProblemNumber);
        Assert.Contains(detail.Audit, a => a.Action == "CallLogged" && a.Detail.Contains("talk 00:15:00, transferred to L2 by agent.l1, L2 wait 00:07:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteCall_CallerLeftWaitingForL2_TalksL1OnlyAndIsNotAbandoned()
    {
        var opened = await OpenAsync();

        var call = await TransferredCallAsync(opened.ProblemNumber, "c1", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(12), level2Talk: null);

        var stored = await Store.GetCallAsync("c1");
        Assert.Equal(call, stored);
        Assert.Equal((TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(12), false, null),
            (stored!.TalkDuration!.Value, stored.Level2WaitDuration!.Value, stored.IsAbandoned, stored.Level2AnsweredAt));
        var detail = await Cases.GetCaseAsync(Agent, opened.ProblemNumber);
        Assert.Contains(detail.Audit, a => a.Action == "CallLogged" && a.Detail.Contains("(left before L2 answered)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteCall_L2AnsweredBeforeTheTransfer_RejectedAndNothingLogged()
    {
        var opened = await OpenAsync();
        var t = Clock.GetUtcNow();
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "c1", ProblemNumber = opened.ProblemNumber, StartedAt = t });
        Clock.Advance(TimeSpan.FromMinutes(30));
        var before = await Store.GetCaseAsync(opened.ProblemNumber);

        await ThrowsCase(CaseErrorCode.InvalidArgument, () => Cases.CompleteCallAsync(Agent, opened.ProblemNumber,
            new CallCompletion("c1", t.AddMinutes(20), "log", t.AddMinutes(1), TransferredAt: t.AddMinutes(10), Level2AnsweredAt: t.AddMinutes(5))));
        await ThrowsCase(CaseErrorCode.InvalidArgument, () => Cases.CompleteCallAsync(Agent, opened.ProblemNumber,
            new CallCompletion("c1", t.AddMinutes(20), "log", AnsweredAt: null, TransferredAt: t.AddMinutes(10))));

        Assert.Equal(before, await Store.GetCaseAsync(opened.ProblemNumber));
        Assert.Null((await Store.GetCallAsync("c1"))!.LoggedAt);
    }

    [Fact]
    public async Task Invoice_TransferredCalls_BillTalkOnlyNotTheWaitForL2()
    {
        var answeredByL2 = await OpenAsync();
        var leftWaiting = await OpenAsync();
        // 10 + 9 = 19 minutes talked around a 20-minute wait for L2: 2 cases (39 minutes would be 3).
        await TransferredCallAsync(answeredByL2.ProblemNumber, "c1", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(9));
        // 16 minutes with L1, then 30 minutes waiting for L2 until the caller hangs up: L1 talk only, 1 case.
        await TransferredCallAsync(leftWaiting.ProblemNumber, "c2", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(30), level2Talk: null);

        var invoice = await new BillingService(Store).InvoiceAsync(Supervisor, s_terms, 2026, 3);

        var lines = invoice.CaseVolume.ToDictionary(l => l.ProblemNumber);
        Assert.Equal((1, 19.00m, 2), (lines[answeredByL2.ProblemNumber.ToString()].AnsweredBillableCalls, lines[answeredByL2.ProblemNumber.ToString()].BillableTalkMinutes, lines[answeredByL2.ProblemNumber.ToString()].BilledCases));
        Assert.Equal((1, 16.00m, 1), (lines[leftWaiting.ProblemNumber.ToString()].AnsweredBillableCalls, lines[leftWaiting.ProblemNumber.ToString()].BillableTalkMinutes, lines[leftWaiting.ProblemNumber.ToString()].BilledCases));
    }

    [Fact]
    public async Task WeeklyCalls_FromStore_TalkWithoutTheWaitForL2AndTheLongestWaitForL2()
    {
        var opened = await OpenAsync();
        await TransferredCallAsync(opened.ProblemNumber, "c1", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(5));
        await TransferredCallAsync(opened.ProblemNumber, "c2", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(12), level2Talk: null);

        var report = await new ReportService(Store, Clock, Calendar).WeeklyCallsAsync(Supervisor, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8));

        Assert.Equal((2, 0, 2), (report.Total.CallsReceived, report.Total.CallsAbandoned, report.Total.TransferredToLevel2));
        Assert.Equal((TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(2)),
            (report.Total.TalkTime, report.Total.LongestLevel2Wait, report.Total.LongestWait));
    }

    [Fact]
    public async Task Migrate_Version3DatabaseWithCalls_OldCallsReadAsNotTransferredAndBillTheirWholeTalk()
    {
        var opened = await OpenAsync();
        var t = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(40));
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "old", ProblemNumber = opened.ProblemNumber, StartedAt = t, QueuedAt = t });
        await Cases.CompleteCallAsync(Agent, opened.ProblemNumber, new CallCompletion("old", t.AddMinutes(40), "before the upgrade", t.AddMinutes(3), "agent.l1"));

        // Put the database back in the shape a version-3 build left: no transfer columns, schema at 3.
        await Factory.ExecuteSqlAsync(Store,
            "ALTER TABLE calls DROP COLUMN level2_answered_at; ALTER TABLE calls DROP COLUMN transferred_by; " +
            "ALTER TABLE calls DROP COLUMN transferred_at; DELETE FROM schema_version WHERE version = 4;");
        Assert.Equal(3, await Store.GetSchemaVersionAsync());

        await using var upgraded = await Factory.ReopenAsync(Store, Clock);

        Assert.Equal(4, await upgraded.GetSchemaVersionAsync());
        var call = await upgraded.GetCallAsync("old");
        Assert.Equal((t.AddMinutes(3), t.AddMinutes(40), null, null, null), (call!.AnsweredAt, call.EndedAt, call.TransferredAt, call.TransferredBy, call.Level2AnsweredAt));
        Assert.Equal((TimeSpan.FromMinutes(37), null), (call.TalkDuration!.Value, call.Level2WaitDuration));
        var line = Assert.Single((await new BillingService(upgraded).InvoiceAsync(Supervisor, s_terms, 2026, 3)).CaseVolume);
        Assert.Equal((37.00m, 3), (line.BillableTalkMinutes, line.BilledCases));
    }
}
