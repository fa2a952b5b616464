using CallRouter.Cases.Storage;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Crash;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashTests(PostgresServer server)
{
    [Fact]
    public async Task WriterKilledWithSigkill_MidBurst_EveryAcknowledgedWriteSurvivesAndHistoryIsWhole()
    {
        var connectionString = await server.CreateIsolatedConnectionStringAsync();
        await using (var store = new PostgresCaseStore(connectionString, TimeProvider.System))
        {
            await CrashHarness.PrepareAsync(store);
        }

        var acked = await CrashHarness.RunAndKillAsync("postgres", connectionString, killAfterAcks: 400);

        await using var reopened = new PostgresCaseStore(connectionString, TimeProvider.System);
        await CrashHarness.AssertEveryAcknowledgedWriteSurvivedAsync(reopened, acked);
    }
}
