using System.Data.Common;
using Npgsql;

namespace CallRouter.Cases.Storage;

/// <summary>
/// The production store on PostgreSQL through Npgsql. With the server's default
/// synchronous_commit = on, a COMMIT returns only after the WAL is flushed, so an acknowledged
/// write survives a crash of this process or of the server.
/// </summary>
public sealed class PostgresCaseStore : AdoCaseStore
{
    // Any constant works; it only has to be the same for every process migrating this database.
    private const long MigrationLockKey = 0x43_61_73_65_73; // "Cases"

    private readonly NpgsqlDataSource _dataSource;

    public PostgresCaseStore(string connectionString, TimeProvider timeProvider)
        : base(timeProvider) => _dataSource = NpgsqlDataSource.Create(connectionString);

    protected override string AutoIdType => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    protected override string BoolType => "BOOLEAN";

    protected override string? MigrationLockSql => $"SELECT pg_advisory_xact_lock({MigrationLockKey})";

    protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// A change is sent as one batch: Npgsql pipelines the BEGIN with it, so a case event costs
    /// two round trips (batch, COMMIT) instead of one per statement. Any failure rolls back.
    /// </summary>
    public override async Task CommitAsync(CaseChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ValidateChange(change);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ApplyAsBatchAsync(connection, tx, change, static ex => (ex as PostgresException)?.TableName, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
