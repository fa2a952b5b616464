using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;
using CallRouter.Core.Cases;
using CallRouter.Core.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Tests;

public sealed class CaseHeartbeatServiceTests : IAsyncLifetime
{
    private readonly CoordinatorHarness _h = new();
    private readonly string _data = Directory.CreateTempSubdirectory("callrouter-cases-").FullName;
    private SqliteCaseStore? _store;

    public async Task InitializeAsync()
    {
        _store = new SqliteCaseStore(Path.Combine(_data, "cases.db"), _h.Time);
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _h.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Heartbeat_SeverityOneUpdateFallsDue_RemindsAgentConsolesAndSupervisorsOnce()
    {
        var cases = new CaseService(_store!, _h.Time);
        CaseRecord opened = await cases.OpenCaseAsync(new Actor("gateway", Role.System), new NewCase
        {
            Manufacturer = "mfr", CustomerAccount = "ACME", Severity = Severity.S1,
            SeverityAgreement = new EndUserAgreement("+15550100", _h.Time.GetUtcNow(), "IVR confirmation"),
        });
        AgentSession alice = _h.Coordinator.OpenSession("alice", "", available: true);
        var hub = new BroadcastHub<Proto.CaseReminder>();
        var supervisorFeed = hub.Subscribe();
        var options = new CaseOptions { HeartbeatInterval = TimeSpan.FromMinutes(1) };
        using var service = new CaseHeartbeatService(cases, options, _h.Coordinator, hub, _h.Time, NullLogger<CaseHeartbeatService>.Instance);
        await service.StartAsync(CancellationToken.None);

        // 09:00 the S1 case is opened; its first update is owed at 13:00. At 13:01 the beat raises it.
        _h.Time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Proto.CaseReminder supervisorCopy = await supervisorFeed.Reader.ReadAsync(timeout.Token);
        Proto.AgentEvent agentCopy = await ReadReminderAsync(alice, timeout.Token);

        // Further beats raise nothing new for the same due time.
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(opened.ProblemNumber.ToString(), supervisorCopy.ProblemNumber);
        Assert.Equal(opened.ProblemNumber.ToString(), agentCopy.Reminder.ProblemNumber);
        Assert.Equal(CoordinatorHarness.Start + TimeSpan.FromHours(4), agentCopy.Reminder.DueAt.ToDateTimeOffset());
        Assert.False(supervisorFeed.Reader.TryRead(out _));
    }

    private static async Task<Proto.AgentEvent> ReadReminderAsync(AgentSession session, CancellationToken cancel)
    {
        while (true)
        {
            Proto.AgentEvent e = await session.Events.ReadAsync(cancel);
            if (e.EventCase == Proto.AgentEvent.EventOneofCase.Reminder)
            {
                return e;
            }
        }
    }
}
