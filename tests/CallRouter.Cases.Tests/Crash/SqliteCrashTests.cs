using CallRouter.Cases.Storage;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Crash;

public sealed class SqliteCrashTests : IDisposable
{
    private readonly SqliteStoreFactory _factory = new();

    [Fact]
    public async Task WriterKilledWithSigkill_MidBurst_EveryAcknowledgedWriteSurvivesAndHistoryIsWhole()
    {
        var path = _factory.NewPath();
        await using (var store = new SqliteCaseStore(path, TimeProvider.System))
        {
            await CrashHarness.PrepareAsync(store);
        }

        var acked = await CrashHarness.RunAndKillAsync("sqlite", path, killAfterAcks: 400);

        await using var reopened = new SqliteCaseStore(path, TimeProvider.System);
        await reopened.MigrateAsync();
        await CrashHarness.AssertEveryAcknowledgedWriteSurvivedAsync(reopened, acked);
    }

    public void Dispose() => _factory.Dispose();
}
