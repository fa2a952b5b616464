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

    public void Dispose() => _factory.Dispose();
}
