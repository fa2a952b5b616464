using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CallRouter.Cases.Storage;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode.
/// Durability: with journal_mode=WAL a commit has been written to the WAL file before it
/// returns, so synchronous=NORMAL already survives kill -9 of the process; it can lose the
/// last commits only if the machine loses power before the OS flushes. We default to FULL,
/// which fsyncs the WAL at every commit, because the SPEC promises that a restart loses no
/// case, and a power cut is a restart too. NORMAL is offered for hosts that accept that risk.
/// </summary>
public sealed class SqliteCaseStore : AdoCaseStore
{
    private readonly string _connectionString;
    private readonly string _sessionPragmas;
    private readonly SqliteGroupCommitter _committer;

    public SqliteCaseStore(string databasePath, TimeProvider timeProvider, bool fullSync = true)
        : base(timeProvider)
    {
        DatabasePath = databasePath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        // synchronous and foreign_keys are per connection, so every open sets them;
        // busy_timeout bounds how long a writer waits for another writer's lock.
        _sessionPragmas = $"PRAGMA synchronous = {(fullSync ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";
        _committer = new SqliteGroupCommitter(OpenAsync, ApplyAsync);
    }

    /// <summary>Case changes go through the group committer: one fsync for every change queued meanwhile.</summary>
    public override Task CommitAsync(CaseChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ValidateChange(change);
        return _committer.CommitAsync(change, cancellationToken);
    }

    public string DatabasePath { get; }

    protected override string AutoIdType => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override string BoolType => "INTEGER";

    // BeginTransaction in Microsoft.Data.Sqlite is BEGIN IMMEDIATE: the write lock is taken
    // up front, so two migrators (or writers) queue instead of deadlocking on upgrade.
    protected override string? MigrationLockSql => null;

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, _sessionPragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file and persists; it must be set outside a transaction.
        await using var command = Command(connection, null, "PRAGMA journal_mode = WAL");
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL mode for '{DatabasePath}' (journal mode is '{mode}').");
        }
    }

    /// <summary>Reads a pragma, for tests and diagnostics (e.g. "journal_mode", "synchronous").</summary>
    public async Task<string> ReadPragmaAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!name.All(c => char.IsAsciiLetter(c) || c == '_'))
        {
            throw new ArgumentException("Pragma names are letters and underscores only.", nameof(name));
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"PRAGMA {name}");
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1555 or 2067 };

    public override async ValueTask DisposeAsync()
    {
        // Drain the queue first so every change accepted before disposal is committed; then
        // clear the pool, whose connections keep the file open, so it can be moved or deleted.
        await _committer.DisposeAsync().ConfigureAwait(false);
        SqliteConnection.ClearAllPools();
    }
}
