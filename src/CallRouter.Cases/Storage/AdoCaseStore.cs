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
        "voicemail_returned_at, logged_at";

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

    public virtual async Task CommitAsync(CaseChange change, CancellationToken cancellationToken = default)
    {
        ValidateChange(change);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ApplyAsync(connection, tx, change, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static void ValidateChange(CaseChange change)
    {
        if (change.Case.Version != change.ExpectedVersion + 1)
        {
            throw new ArgumentException($"Case version must be ExpectedVersion + 1 ({change.ExpectedVersion + 1}), not {change.Case.Version}.", nameof(change));
        }
    }

    /// <summary>Applies one change inside the caller's transaction; a failure leaves the transaction to be rolled back.</summary>
    protected async Task ApplyAsync(DbConnection connection, DbTransaction tx, CaseChange change, CancellationToken cancellationToken)
    {
        var c = change.Case;
        try
        {
            if (change.ExpectedVersion == 0)
            {
                await using var insert = Command(connection, tx, $"INSERT INTO cases ({CaseColumns}) VALUES (@pn, @mfr, @acct, @eu, @cb, @model, @serial, @sev, @state, @ent, @opened, @openedBy, @updated, @lastUpdate, @due, @reminder, @escalated, @resolved, @closed, @version)");
                AddCaseParameters(insert, c);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var update = Command(connection, tx,
                    "UPDATE cases SET manufacturer = @mfr, customer_account = @acct, end_user_name = @eu, callback_number = @cb, machine_model = @model, " +
                    "serial_number = @serial, severity = @sev, state = @state, entitlement = @ent, opened_at = @opened, opened_by = @openedBy, " +
                    "updated_at = @updated, last_update_at = @lastUpdate, next_update_due_at = @due, reminder_raised_for = @reminder, " +
                    "first_escalated_at = @escalated, resolved_at = @resolved, closed_at = @closed, version = @version " +
                    "WHERE problem_number = @pn AND version = @expected");
                AddCaseParameters(update, c);
                Add(update, "expected", change.ExpectedVersion);
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new CaseException(CaseErrorCode.Conflict,
                        $"Case {c.ProblemNumber} changed since version {change.ExpectedVersion} was read (or does not exist).");
                }
            }
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            throw new CaseException(CaseErrorCode.AlreadyExists, $"Case {c.ProblemNumber} already exists.", ex);
        }

        foreach (var call in change.NewCalls)
        {
            try
            {
                await using var insert = Command(connection, tx, $"INSERT INTO calls ({CallColumns}) VALUES (@id, @pn, @agent, @started, @queued, @answered, @ended, @mfr, @vm, @vmReturned, @logged)");
                AddCallParameters(insert, call);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex) when (IsUniqueViolation(ex))
            {
                throw new CaseException(CaseErrorCode.AlreadyExists, $"Call '{call.CallId}' is already recorded.", ex);
            }
        }

        foreach (var call in change.UpdatedCalls)
        {
            await using var update = Command(connection, tx,
                "UPDATE calls SET agent_id = @agent, started_at = @started, queued_at = @queued, answered_at = @answered, ended_at = @ended, " +
                "from_manufacturer = @mfr, voicemail = @vm, voicemail_returned_at = @vmReturned, logged_at = @logged WHERE call_id = @id AND problem_number = @pn");
            AddCallParameters(update, call);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new CaseException(CaseErrorCode.NotFound, $"Call '{call.CallId}' is not attached to case {call.ProblemNumber}.");
            }
        }

        foreach (var s in change.SeverityChanges)
        {
            await using var insert = Command(connection, tx,
                "INSERT INTO severity_history (problem_number, from_severity, to_severity, agreed_by, agreed_at, channel, recorded_by, recorded_at) " +
                "VALUES (@pn, @from, @to, @by, @agreedAt, @channel, @recordedBy, @recordedAt)",
                ("pn", s.ProblemNumber.Digits), ("from", s.From is null ? null : (int)s.From.Value), ("to", (int)s.To),
                ("by", s.Agreement.AgreedBy), ("agreedAt", s.Agreement.AgreedAt.UtcTicks), ("channel", s.Agreement.Channel),
                ("recordedBy", s.RecordedBy), ("recordedAt", s.RecordedAt.UtcTicks));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var n in change.Notes)
        {
            await using var insert = Command(connection, tx,
                "INSERT INTO notes (problem_number, kind, text, author, author_role, at) VALUES (@pn, @kind, @text, @author, @role, @at)",
                ("pn", n.ProblemNumber.Digits), ("kind", n.Kind.ToString()), ("text", n.Text), ("author", n.Author),
                ("role", n.AuthorRole.ToString()), ("at", n.At.UtcTicks));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var a in change.Audit)
        {
            await using var insert = Command(connection, tx,
                "INSERT INTO audit (problem_number, at, actor_id, actor_role, action, detail) VALUES (@pn, @at, @actor, @role, @action, @detail)",
                ("pn", a.ProblemNumber.Digits), ("at", a.At.UtcTicks), ("actor", a.ActorId), ("role", a.ActorRole.ToString()),
                ("action", a.Action), ("detail", a.Detail));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var o in change.Outbox)
        {
            await using var insert = Command(connection, tx,
                "INSERT INTO outbox (kind, manufacturer, problem_number, payload, created_at, delivered_at) VALUES (@kind, @mfr, @pn, @payload, @created, @delivered)",
                ("kind", o.Kind), ("mfr", o.Manufacturer), ("pn", o.ProblemNumber?.Digits), ("payload", o.PayloadJson),
                ("created", o.CreatedAt.UtcTicks), ("delivered", o.DeliveredAt?.UtcTicks));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddCaseParameters(DbCommand command, CaseRecord c)
    {
        Add(command, "pn", c.ProblemNumber.Digits);
        Add(command, "mfr", c.Manufacturer);
        Add(command, "acct", c.CustomerAccount);
        Add(command, "eu", c.EndUserName);
        Add(command, "cb", c.CallbackNumber);
        Add(command, "model", c.MachineModel);
        Add(command, "serial", c.SerialNumber);
        Add(command, "sev", (int)c.Severity);
        Add(command, "state", c.State.ToString());
        Add(command, "ent", c.Entitlement.ToString());
        Add(command, "opened", c.OpenedAt.UtcTicks);
        Add(command, "openedBy", c.OpenedBy);
        Add(command, "updated", c.UpdatedAt.UtcTicks);
        Add(command, "lastUpdate", c.LastEndUserUpdateAt.UtcTicks);
        Add(command, "due", c.NextUpdateDueAt?.UtcTicks);
        Add(command, "reminder", c.ReminderRaisedFor?.UtcTicks);
        Add(command, "escalated", c.FirstEscalatedAt?.UtcTicks);
        Add(command, "resolved", c.ResolvedAt?.UtcTicks);
        Add(command, "closed", c.ClosedAt?.UtcTicks);
        Add(command, "version", c.Version);
    }

    private static void AddCallParameters(DbCommand command, CallRecord call)
    {
        Add(command, "id", call.CallId);
        Add(command, "pn", call.ProblemNumber.Digits);
        Add(command, "agent", call.AgentId);
        Add(command, "started", call.StartedAt.UtcTicks);
        Add(command, "queued", call.QueuedAt?.UtcTicks);
        Add(command, "answered", call.AnsweredAt?.UtcTicks);
        Add(command, "ended", call.EndedAt?.UtcTicks);
        Add(command, "mfr", call.FromManufacturer);
        Add(command, "vm", call.Voicemail);
        Add(command, "vmReturned", call.VoicemailReturnedAt?.UtcTicks);
        Add(command, "logged", call.LoggedAt?.UtcTicks);
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
