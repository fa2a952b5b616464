using CallRouter.Cases.Storage;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

/// <summary>SQLite-only settings the durability promise rests on.</summary>
public sealed class SqliteCaseStoreTests : IDisposable
{
    private readonly SqliteStoreFactory _factory = new();

    [Fact]
    public async Task Migrate_NewFile_UsesWalAndFullSynchronous()
    {
        await using var store = new SqliteCaseStore(_factory.NewPath(), TimeProvider.System);

        await store.MigrateAsync();

        Assert.Equal("wal", await store.ReadPragmaAsync("journal_mode"));
        Assert.Equal("2", await store.ReadPragmaAsync("synchronous")); // 2 = FULL
        Assert.Equal("1", await store.ReadPragmaAsync("foreign_keys"));
    }

    [Fact]
    public async Task Open_NormalSyncRequested_UsesNormal()
    {
        await using var store = new SqliteCaseStore(_factory.NewPath(), TimeProvider.System, fullSync: false);
        await store.MigrateAsync();

        Assert.Equal("1", await store.ReadPragmaAsync("synchronous")); // 1 = NORMAL
    }

    [Fact]
    public async Task ReadPragma_NameWithSql_Rejected()
    {
        await using var store = new SqliteCaseStore(_factory.NewPath(), TimeProvider.System);

        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadPragmaAsync("journal_mode; DROP TABLE cases"));
    }

    [Fact]
    public async Task Migrate_DatabaseLeftAtVersion2_UpgradesToLatestAndKeepsCases()
    {
        var path = _factory.NewPath();
        var clock = TestClock.Create();
        CallRouter.Cases.Domain.CaseRecord opened;
        await using (var store = new SqliteCaseStore(path, clock))
        {
            await store.MigrateAsync();
            opened = await new CaseService(store, clock).OpenCaseAsync(new CallRouter.Cases.Domain.Actor("a", CallRouter.Cases.Domain.Role.L1Agent), new CallRouter.Cases.Domain.NewCase
            {
                Manufacturer = "NetScreen",
                CustomerAccount = "ACME-001",
                Severity = CallRouter.Cases.Domain.Severity.S2,
                SeverityAgreement = new CallRouter.Cases.Domain.EndUserAgreement("Pat", TestClock.Start, "IVR"),
            });
        }

        // Roll the file back to what a version-2 build left behind.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var downgrade = connection.CreateCommand();
            downgrade.CommandText = "DROP TABLE access_log; ALTER TABLE calls DROP COLUMN transferred_at; ALTER TABLE calls DROP COLUMN transferred_by; " +
                "ALTER TABLE calls DROP COLUMN level2_answered_at; DELETE FROM schema_version WHERE version >= 3;";
            await downgrade.ExecuteNonQueryAsync();
        }

        await using var upgraded = new SqliteCaseStore(path, clock);
        Assert.Equal(2, await upgraded.GetSchemaVersionAsync());
        await upgraded.MigrateAsync();

        Assert.Equal(4, await upgraded.GetSchemaVersionAsync());
        Assert.Equal(opened, await upgraded.GetCaseAsync(opened.ProblemNumber));
        Assert.Empty(await upgraded.ListAccessAsync("anyone", 10));
    }

    public void Dispose() => _factory.Dispose();
}
