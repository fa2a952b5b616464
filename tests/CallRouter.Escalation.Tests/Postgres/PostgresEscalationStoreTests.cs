using CallRouter.Cases.Tests.Infrastructure;
using CallRouter.Escalation.Calendar;
using CallRouter.Escalation.Domain;
using CallRouter.Escalation.Storage;

namespace CallRouter.Escalation.Tests.Postgres;

/// <summary>What the PostgreSQL store must refuse, and the service's silence rule over it.</summary>
[Collection(EscalationPostgresCollection.Name)]
public sealed class PostgresEscalationStoreTests(PostgresServer server)
{
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero); // Sat 10:00 PST, PTAS staffed
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<PostgresEscalationStore> NewStoreAsync()
    {
        var store = new PostgresEscalationStore(await server.CreateIsolatedConnectionStringAsync());
        await store.InitializeAsync(None);
        return store;
    }

    private static EscalationDecision Started(string id = "260001-E1") =>
        EscalationMachine.Start(new EscalationInput.Start(id, EscalationHarness.Request(), ContactPath.Ptas,
            [new EscalationContact("PTAS", ContactChannel.Pager, "MFRTS"), new EscalationContact("On-call engineer", ContactChannel.Pager, "8887900")],
            TimeSpan.FromMinutes(30)), Saturday);

    [Fact]
    public async Task CommitAsync_NewEscalation_StoresStateTimerContactAndEvents()
    {
        var store = await NewStoreAsync();
        var decision = Started();

        await store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = Saturday }, None);

        Assert.Equal(decision.State.Id, (await store.GetAsync(decision.State.Id, None))?.Id);
        Assert.Equal([decision.State.Id], (await store.ListOpenAsync(None)).Select(e => e.Id));
        var timer = Assert.Single(await store.ListPendingTimersAsync(decision.State.Id, None));
        Assert.Equal(Saturday.AddMinutes(30), timer.DueAt);
        Assert.Empty(await store.ListDueTimersAsync(Saturday.AddMinutes(29), 10, None));
        var contact = Assert.Single(await store.ListDueOutboxAsync(Saturday, 10, None));
        Assert.Equal(("MFRTS", OutboxKind.Contact), (contact.Contact?.Address, contact.Kind));
        Assert.Equal(Saturday, await store.NextWakeAsync(None));
        Assert.NotEmpty(await store.ListUnforwardedEventsAsync(10, None));
    }

    [Fact]
    public async Task PostponeOutboxAsync_MovesTheAttemptWithoutCountingAFailure()
    {
        var store = await NewStoreAsync();
        var decision = Started();
        await store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = Saturday }, None);
        var contact = Assert.Single(await store.ListDueOutboxAsync(Saturday, 10, None));

        await store.PostponeOutboxAsync(contact.Id, Saturday.AddMinutes(2), None);

        Assert.Empty(await store.ListDueOutboxAsync(Saturday.AddMinutes(2).AddTicks(-1), 10, None));
        var again = Assert.Single(await store.ListDueOutboxAsync(Saturday.AddMinutes(2), 10, None));
        Assert.Equal((contact.Id, 0, (string?)null), (again.Id, again.Attempts, again.LastError));
    }

    [Fact]
    public async Task CommitAsync_SameEscalationStartedTwice_SecondIsConflict()
    {
        var store = await NewStoreAsync();
        var decision = Started();
        await store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = Saturday }, None);

        var ex = await Assert.ThrowsAsync<EscalationException>(() =>
            store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = Saturday }, None));

        Assert.Equal(EscalationErrorCode.Conflict, ex.Code);
        Assert.Single(await store.ListPendingTimersAsync(decision.State.Id, None));
    }

    [Fact]
    public async Task CommitAsync_TimerAlreadyFired_IsConflictAndWritesNothing()
    {
        var store = await NewStoreAsync();
        var decision = Started();
        await store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = Saturday }, None);
        var timer = Assert.Single(await store.ListPendingTimersAsync(decision.State.Id, None));
        Assert.True(await store.MarkTimerFiredAsync(timer.Id, Saturday.AddMinutes(30), None));
        var stored = (await store.GetAsync(decision.State.Id, None))!;

        var ex = await Assert.ThrowsAsync<EscalationException>(() => store.CommitAsync(new EscalationCommit
        {
            Escalation = stored with { Version = stored.Version + 1 },
            ExpectedVersion = stored.Version,
            FiredTimerId = timer.Id,
            Now = Saturday.AddMinutes(30),
        }, None));

        Assert.Equal(EscalationErrorCode.Conflict, ex.Code);
        Assert.Equal(stored.Version, (await store.GetAsync(decision.State.Id, None))!.Version);
    }

    [Fact]
    public async Task CommitAsync_StaleVersion_IsConflict()
    {
        var store = await NewStoreAsync();
        var decision = Started();
        await store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = Saturday }, None);

        var ex = await Assert.ThrowsAsync<EscalationException>(() => store.CommitAsync(new EscalationCommit
        {
            Escalation = decision.State with { Version = decision.State.Version + 5 },
            ExpectedVersion = decision.State.Version + 4,
            Now = Saturday,
        }, None));

        Assert.Equal(EscalationErrorCode.Conflict, ex.Code);
    }

    [Fact]
    public async Task Outbox_RescheduledThenCompleted_IsDueAgainThenGone()
    {
        var store = await NewStoreAsync();
        var decision = Started();
        await store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = Saturday }, None);
        var item = Assert.Single(await store.ListDueOutboxAsync(Saturday, 10, None));

        await store.RescheduleOutboxAsync(item.Id, Saturday.AddSeconds(30), "554 paging terminal failure", None);
        Assert.Empty(await store.ListDueOutboxAsync(Saturday.AddSeconds(29), 10, None));
        var retried = Assert.Single(await store.ListDueOutboxAsync(Saturday.AddSeconds(30), 10, None));
        Assert.Equal((1, "554 paging terminal failure"), (retried.Attempts, retried.LastError));
        await store.CompleteOutboxAsync(item.Id, Saturday.AddSeconds(31), None);

        Assert.Empty(await store.ListDueOutboxAsync(Saturday.AddHours(1), 10, None));
        Assert.Equal(Saturday.AddMinutes(30), await store.NextWakeAsync(None));
    }

    [Fact]
    public async Task InitializeAsync_Twice_KeepsWhatIsStored()
    {
        var store = await NewStoreAsync();
        var decision = Started();
        await store.CommitAsync(new EscalationCommit { Escalation = decision.State, Effects = decision.Effects, Now = Saturday }, None);

        await store.InitializeAsync(None);

        Assert.NotNull(await store.GetAsync(decision.State.Id, None));
    }

    [Fact]
    public async Task Silence_ThirtyMinutesAfterPage_OnPostgres_DeskToldClosureDeferredNextContactPaged()
    {
        string connectionString = await server.CreateIsolatedConnectionStringAsync();
        using var h = await EscalationHarness.StartAsync(Saturday, () => new PostgresEscalationStore(connectionString));
        await h.Service.EscalateAsync(EscalationHarness.Request(), None);
        await h.Scheduler.RunOnceAsync(None);                                 // 10:00 the PTAS is paged

        await h.AdvanceAndBeatAsync(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(59));
        Assert.Empty(h.Notifier.DeskNotices);
        await h.AdvanceAndBeatAsync(TimeSpan.FromSeconds(1));                // 10:30 the window closes

        Assert.Single(h.Notifier.DeskNotices);
        Assert.True(h.Cases.IsClosureDeferred(EscalationHarness.ProblemNumber));
        Assert.Equal(["MFRTS", "8887900"], h.Pager.Sent.Select(p => p.PagerId));
    }
}
