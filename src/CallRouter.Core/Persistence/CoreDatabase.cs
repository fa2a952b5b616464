using Microsoft.Data.Sqlite;

namespace CallRouter.Core.Persistence;

/// <summary>
/// The routing core's own embedded SQLite database (<c>core.db</c> in the data folder):
/// administered agents and settings, wrap-ups, call records and voicemail call-back tasks.
/// WAL with synchronous=FULL, so a write acknowledged to a client survives a crash.
/// </summary>
public sealed class CoreDatabase
{
    private const int SchemaVersion = 1;
    private readonly string _connectionString;

    public CoreDatabase(string dataDirectory)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "core.db"),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString();
        Migrate();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private void Migrate()
    {
        using SqliteConnection connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA user_version;";
        long version = (long)(command.ExecuteScalar() ?? 0L);
        if (version >= SchemaVersion)
        {
            return;
        }

        using SqliteTransaction transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS settings (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS agents (
                agent_id      TEXT PRIMARY KEY COLLATE NOCASE,
                display_name  TEXT NOT NULL,
                level         INTEGER NOT NULL,
                models        TEXT NOT NULL,
                password_hash TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS wrap_ups (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                call_id     TEXT NOT NULL,
                agent_id    TEXT NOT NULL,
                disposition TEXT NOT NULL,
                notes       TEXT NOT NULL,
                at          TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS call_records (
                call_id          TEXT PRIMARY KEY,
                model            TEXT NOT NULL,
                severity         INTEGER NOT NULL,
                customer_account TEXT NOT NULL,
                problem_number   TEXT NOT NULL,
                from_manufacturer INTEGER NOT NULL,
                outcome          TEXT NOT NULL,
                agent_id         TEXT,
                waited_ms        INTEGER NOT NULL,
                talked_ms        INTEGER NOT NULL,
                ended_at         TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS callback_tasks (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                call_id         TEXT NOT NULL,
                callback_number TEXT NOT NULL,
                recording_uri   TEXT NOT NULL,
                created_at      TEXT NOT NULL,
                returned_at     TEXT);
            PRAGMA user_version = 1;
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}
