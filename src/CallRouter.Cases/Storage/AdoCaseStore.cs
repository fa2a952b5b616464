using System.Data.Common;
using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Storage;

/// <summary>
/// The ADO.NET code both stores share: the SQL is portable (named @parameters, TEXT/BIGINT
/// columns, LIMIT), so each dialect only supplies connections, DDL tokens and error mapping.
/// Writing it once is what lets one test suite vouch for both stores.
/// </summary>
public abstract partial class AdoCaseStore : ICaseStore
{
    private const string CaseColumns =
        "problem_number, manufacturer, customer_account, end_user_name, callback_number, machine_model, serial_number, " +
        "severity, state, entitlement, opened_at, opened_by, updated_at, last_update_at, next_update_due_at, " +
        "reminder_raised_for, first_escalated_at, resolved_at, closed_at, version";

    private const string CallColumns =
        "call_id, problem_number, agent_id, started_at, queued_at, answered_at, ended_at, from_manufacturer, voicemail, " +
        "voicemail_returned_at, logged_at, transferred_at, transferred_by, level2_answered_at";

    protected AdoCaseStore(TimeProvider timeProvider) => Time = timeProvider;

    /// <summary>Only used to stamp schema migrations; case times come from the domain.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Opens a connection with the store's session settings applied.</summary>
    protected abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>DDL for an auto-increment primary key column.</summary>
    protected abstract string AutoIdType { get; }

    /// <summary>DDL for a boolean column.</summary>
    protected abstract string BoolType { get; }

    /// <summary>Statement run first in the migration transaction to keep two migrators apart.</summary>
    protected abstract string? MigrationLockSql { get; }

    protected abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Runs before the migrations, outside their transaction (e.g. SQLite's journal mode).</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await PrepareDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (MigrationLockSql is not null)
        {
            await ExecuteAsync(connection, tx, MigrationLockSql, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, tx,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        var current = await ReadSchemaVersionAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        foreach (var (version, description, sql) in CaseSchema.Migrations)
        {
            if (version <= current)
            {
                continue;
            }

            await ExecuteAsync(connection, tx, sql.Replace("{id}", AutoIdType, StringComparison.Ordinal).Replace("{bool}", BoolType, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await using var record = Command(connection, tx,
                "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @a)",
                ("v", version), ("d", description), ("a", Time.GetUtcNow().UtcTicks));
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadSchemaVersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProblemNumber> AllocateProblemNumberAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "UPDATE counters SET value = value + 1 WHERE name = 'problem_number' RETURNING value");
        var sequence = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        return ProblemNumber.FromSequence(sequence);
    }

    private static async Task<int> ReadSchemaVersionAsync(DbConnection connection, DbTransaction? tx, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = Command(connection, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException) when (tx is null)
        {
            // No schema_version table yet: a database nobody has migrated is at version 0.
            return 0;
        }
    }

    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return command;
    }

    protected static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
