using System.Text.Json;
using System.Text.Json.Serialization;
using CallRouter.Escalation.Domain;
using Microsoft.Data.Sqlite;

namespace CallRouter.Escalation.Storage;

/// <summary>
/// Escalations, timers, outbox and event log in one SQLite file. Every transition is one
/// IMMEDIATE transaction, so firing a timer and the state change it causes are written together
/// or not at all: after a crash a timer is either still pending (it fires again, the state never
/// saw it) or fired (the state has it) — never lost, never twice.
/// </summary>
public sealed partial class SqliteEscalationStore : IEscalationStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _connectionString;

    /// <param name="databasePath">The database file; created with its tables on <see cref="InitializeAsync"/>.</param>
    public SqliteEscalationStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Two writers (the API and the heartbeat) wait for each other instead of failing.
            DefaultTimeout = 30,
            Pooling = false,
        }.ToString();
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS escalation (
                id TEXT PRIMARY KEY,
                problem_number TEXT NOT NULL,
                state TEXT NOT NULL,
                version INTEGER NOT NULL,
                body TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS escalation_problem ON escalation(problem_number);
            CREATE TABLE IF NOT EXISTS escalation_timer (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                escalation_id TEXT NOT NULL,
                contact_index INTEGER NOT NULL,
                due_at INTEGER NOT NULL,
                fired_at INTEGER NULL,
                cancelled_at INTEGER NULL);
            CREATE INDEX IF NOT EXISTS escalation_timer_pending ON escalation_timer(due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
            CREATE TABLE IF NOT EXISTS escalation_outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                escalation_id TEXT NOT NULL,
                problem_number TEXT NOT NULL,
                kind TEXT NOT NULL,
                contact_index INTEGER NOT NULL,
                contact_name TEXT NULL,
                contact_channel TEXT NULL,
                contact_address TEXT NULL,
                message TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                last_error TEXT NULL,
                done_at INTEGER NULL);
            CREATE INDEX IF NOT EXISTS escalation_outbox_pending ON escalation_outbox(next_attempt_at) WHERE done_at IS NULL;
            CREATE TABLE IF NOT EXISTS escalation_event (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                escalation_id TEXT NOT NULL,
                problem_number TEXT NOT NULL,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                contact TEXT NULL,
                detail TEXT NOT NULL,
                response_ticks INTEGER NULL,
                forwarded_at INTEGER NULL);
            CREATE INDEX IF NOT EXISTS escalation_event_by_escalation ON escalation_event(escalation_id, id);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(EscalationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = commit.Now.UtcTicks;

        if (commit.FiredTimerId is { } timerId
            && await ExecuteAsync(connection, transaction, "UPDATE escalation_timer SET fired_at = $now WHERE id = $id AND fired_at IS NULL AND cancelled_at IS NULL",
                cancellationToken, ("$now", now), ("$id", timerId)).ConfigureAwait(false) != 1)
        {
            throw new EscalationException(EscalationErrorCode.Conflict, $"Timer {timerId} has already fired or was cancelled.");
        }

        if (commit.CompletedOutboxId is { } outboxId)
        {
            await ExecuteAsync(connection, transaction, "UPDATE escalation_outbox SET done_at = $now, attempts = attempts + 1 WHERE id = $id AND done_at IS NULL",
                cancellationToken, ("$now", now), ("$id", outboxId)).ConfigureAwait(false);
        }

        if (commit.Escalation is { } escalation)
        {
            await WriteEscalationAsync(connection, transaction, escalation, commit.ExpectedVersion, cancellationToken).ConfigureAwait(false);
            foreach (var effect in commit.Effects)
            {
                await WriteEffectAsync(connection, transaction, escalation, effect, commit.Now, cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<EscalationRecord?> GetAsync(string escalationId, CancellationToken cancellationToken)
    {
        var list = await QueryEscalationsAsync("SELECT body FROM escalation WHERE id = $p", escalationId, cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<EscalationRecord>> ListForCaseAsync(string problemNumber, CancellationToken cancellationToken) =>
        QueryEscalationsAsync("SELECT body FROM escalation WHERE problem_number = $p ORDER BY rowid", problemNumber, cancellationToken);

    public Task<IReadOnlyList<EscalationRecord>> ListOpenAsync(CancellationToken cancellationToken) =>
        QueryEscalationsAsync($"SELECT body FROM escalation WHERE state NOT IN ('{EscalationState.HandedBack}', '{EscalationState.Cancelled}') ORDER BY rowid", null, cancellationToken);

    private static async Task WriteEscalationAsync(SqliteConnection connection, SqliteTransaction transaction, EscalationRecord escalation, long? expectedVersion, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(escalation, Json);
        if (expectedVersion is null)
        {
            try
            {
                await ExecuteAsync(connection, transaction, "INSERT INTO escalation (id, problem_number, state, version, body) VALUES ($id, $pn, $state, $version, $body)",
                    cancellationToken, ("$id", escalation.Id), ("$pn", escalation.ProblemNumber), ("$state", escalation.State.ToString()),
                    ("$version", escalation.Version), ("$body", body)).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                // SQLITE_CONSTRAINT: the id exists; two requests raced to start the same escalation.
                throw new EscalationException(EscalationErrorCode.Conflict, $"Escalation {escalation.Id} already exists.");
            }

            return;
        }

        var rows = await ExecuteAsync(connection, transaction, "UPDATE escalation SET state = $state, version = $version, body = $body WHERE id = $id AND version = $expected",
            cancellationToken, ("$id", escalation.Id), ("$state", escalation.State.ToString()), ("$version", escalation.Version),
            ("$body", body), ("$expected", expectedVersion.Value)).ConfigureAwait(false);
        if (rows != 1)
        {
            throw new EscalationException(EscalationErrorCode.Conflict, $"Escalation {escalation.Id} changed meanwhile (expected version {expectedVersion}).");
        }
    }

    private static async Task WriteEffectAsync(SqliteConnection connection, SqliteTransaction transaction, EscalationRecord escalation, EscalationEffect effect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string cancelTimers = "UPDATE escalation_timer SET cancelled_at = $now WHERE escalation_id = $id AND fired_at IS NULL AND cancelled_at IS NULL";
        switch (effect)
        {
            case EscalationEffect.ArmResponseTimer arm:
                await ExecuteAsync(connection, transaction, cancelTimers, cancellationToken, ("$now", now.UtcTicks), ("$id", escalation.Id)).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, "INSERT INTO escalation_timer (escalation_id, contact_index, due_at) VALUES ($id, $index, $due)",
                    cancellationToken, ("$id", escalation.Id), ("$index", arm.ContactIndex), ("$due", arm.DueAt.UtcTicks)).ConfigureAwait(false);
                break;
            case EscalationEffect.CancelTimers:
                await ExecuteAsync(connection, transaction, cancelTimers, cancellationToken, ("$now", now.UtcTicks), ("$id", escalation.Id)).ConfigureAwait(false);
                break;
            case EscalationEffect.RequestContact contact:
                await InsertOutboxAsync(connection, transaction, escalation, OutboxKind.Contact, contact.ContactIndex, contact.Contact, contact.Message, now, cancellationToken).ConfigureAwait(false);
                break;
            case EscalationEffect.DeferClosure defer:
                await InsertOutboxAsync(connection, transaction, escalation, OutboxKind.DeferClosure, escalation.ContactIndex, null, defer.Reason, now, cancellationToken).ConfigureAwait(false);
                break;
            case EscalationEffect.NotifyDesk notify:
                await InsertOutboxAsync(connection, transaction, escalation, OutboxKind.NotifyDesk, escalation.ContactIndex, null, notify.Message, now, cancellationToken).ConfigureAwait(false);
                break;
            case EscalationEffect.AlertSupervisor alert:
                await InsertOutboxAsync(connection, transaction, escalation, OutboxKind.AlertSupervisor, escalation.ContactIndex, null, alert.Message, now, cancellationToken).ConfigureAwait(false);
                break;
            case EscalationEffect.Record record:
                var e = record.Event;
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO escalation_event (escalation_id, problem_number, at, kind, contact, detail, response_ticks) VALUES ($id, $pn, $at, $kind, $contact, $detail, $response)",
                    cancellationToken, ("$id", e.EscalationId), ("$pn", e.ProblemNumber), ("$at", e.At.UtcTicks), ("$kind", e.Kind.ToString()),
                    ("$contact", e.Contact), ("$detail", e.Detail), ("$response", e.ResponseTime?.Ticks)).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"No storage for effect {effect.GetType().Name}.");
        }
    }

    private static Task<int> InsertOutboxAsync(SqliteConnection connection, SqliteTransaction transaction, EscalationRecord escalation, OutboxKind kind, int contactIndex,
        EscalationContact? contact, string message, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction,
            """
            INSERT INTO escalation_outbox (escalation_id, problem_number, kind, contact_index, contact_name, contact_channel, contact_address, message, next_attempt_at)
            VALUES ($id, $pn, $kind, $index, $name, $channel, $address, $message, $now)
            """,
            cancellationToken, ("$id", escalation.Id), ("$pn", escalation.ProblemNumber), ("$kind", kind.ToString()), ("$index", contactIndex),
            ("$name", contact?.Name), ("$channel", contact?.Channel.ToString()), ("$address", contact?.Address), ("$message", message), ("$now", now.UtcTicks));

    private async Task<IReadOnlyList<EscalationRecord>> QueryEscalationsAsync(string sql, string? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$p", parameter);
        }

        var result = new List<EscalationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(JsonSerializer.Deserialize<EscalationRecord>(reader.GetString(0), Json)
                ?? throw new InvalidOperationException("An escalation row holds no state."));
        }

        return result;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
