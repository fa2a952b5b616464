using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Tests.Infrastructure;

public sealed class SqliteStoreFactory : IStoreFactory, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "callrouter-cases-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    public SqliteStoreFactory() => Directory.CreateDirectory(_directory);

    public string Kind => "SQLite";

    public string NewPath() => Path.Combine(_directory, Guid.NewGuid().ToString("N")[..8] + ".db");

    public async Task<ICaseStore> CreateAsync(TimeProvider timeProvider)
    {
        var store = new SqliteCaseStore(NewPath(), timeProvider);
        await store.MigrateAsync();
        return store;
    }

    public async Task<ICaseStore> ReopenAsync(ICaseStore store, TimeProvider timeProvider)
    {
        var reopened = new SqliteCaseStore(((SqliteCaseStore)store).DatabasePath, timeProvider);
        await reopened.MigrateAsync();
        return reopened;
    }

    public async Task ExecuteSqlAsync(ICaseStore store, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={((SqliteCaseStore)store).DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection: the temp directory is cleaned by the OS.
        }
    }
}
