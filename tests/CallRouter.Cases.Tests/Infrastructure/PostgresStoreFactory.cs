using System.Collections.Concurrent;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Tests.Infrastructure;

public sealed class PostgresStoreFactory(PostgresServer server) : IStoreFactory
{
    private readonly ConcurrentDictionary<ICaseStore, string> _connectionStrings = new();

    public string Kind => "PostgreSQL";

    public async Task<ICaseStore> CreateAsync(TimeProvider timeProvider)
    {
        var connectionString = await server.CreateIsolatedConnectionStringAsync();
        var store = new PostgresCaseStore(connectionString, timeProvider);
        _connectionStrings[store] = connectionString;
        await store.MigrateAsync();
        return store;
    }

    public async Task<ICaseStore> ReopenAsync(ICaseStore store, TimeProvider timeProvider)
    {
        var reopened = new PostgresCaseStore(_connectionStrings[store], timeProvider);
        _connectionStrings[reopened] = _connectionStrings[store];
        await reopened.MigrateAsync();
        return reopened;
    }

    public async Task ExecuteSqlAsync(ICaseStore store, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionStrings[store]);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
