using System.Text.Json;
using System.Text.Json.Serialization;
using CallRouter.Escalation.Domain;
using Npgsql;

namespace CallRouter.Escalation.Storage;

/// <summary>
/// Escalations, timers, outbox and event log in PostgreSQL (the schema of the connection's
/// search path), for a server whose cases are on PostgreSQL. Same tables and guarantees as
/// <see cref="SqliteEscalationStore"/>: every transition is one transaction; a timer is marked
/// fired with <c>UPDATE … WHERE fired_at IS NULL</c>, which under READ COMMITTED waits for a
/// concurrent firing and then finds the row already fired, so two hosts never fire it twice.
/// </summary>
public sealed partial class PostgresEscalationStore : IEscalationStore
{
    private const long SchemaLockKey = 0x45534341; // "ESCA": serialises concurrent first starts creating the tables
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly string _connectionString;

    public PostgresEscalationStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            CREATE TABLE IF NOT EXISTS escalation (
                seq BIGSERIAL NOT NULL,
                id TEXT PRIMARY KEY,
                problem_number TEXT NOT NULL,
                state TEXT NOT NULL,
                version BIGINT NOT NULL,
                body TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS escalation_problem ON escalation(problem_number);
            CREATE TABLE IF NOT EXISTS escalation_timer (
                id BIGSERIAL PRIMARY KEY,
                escalation_id TEXT NOT NULL,
                contact_index INTEGER NOT NULL,
                due_at BIGINT NOT NULL,
                fired_at BIGINT NULL,
                cancelled_at BIGINT NULL);
            CREATE INDEX IF NOT EXISTS escalation_timer_pending ON escalation_timer(due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
            CREATE TABLE IF NOT EXISTS escalation_outbox (
                id BIGSERIAL PRIMARY KEY,
                escalation_id TEXT NOT NULL,
                problem_number TEXT NOT NULL,
                kind TEXT NOT NULL,
                contact_index INTEGER NOT NULL,
                contact_name TEXT NULL,
                contact_channel TEXT NULL,
                contact_address TEXT NULL,
                message TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                last_error TEXT NULL,
                done_at BIGINT NULL);
            CREATE INDEX IF NOT EXISTS escalation_outbox_pending ON escalation_outbox(next_attempt_at) WHERE done_at IS NULL;
            CREATE TABLE IF NOT EXISTS escalation_event (
                id BIGSERIAL PRIMARY KEY,
                escalation_id TEXT NOT NULL,
                problem_number TEXT NOT NULL,
                at BIGINT NOT NULL,
                kind TEXT NOT NULL,
                contact TEXT NULL,
                detail TEXT NOT NULL,
                response_ticks BIGINT NULL,
                forwarded_at BIGINT NULL);
            CREATE INDEX IF NOT EXISTS escalation_event_by_escalation ON escalation_event(escalation_id, id);
            CREATE INDEX IF NOT EXISTS escalation_event_unforwarded ON escalation_event(id) WHERE forwarded_at IS NULL;
            """, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(EscalationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = commit.Now.UtcTicks;

        if (commit.FiredTimerId is { } timerId
            && await ExecuteAsync(connection, transaction, "UPDATE escalation_timer SET fired_at = @now WHERE id = @id AND fired_at IS NULL AND cancelled_at IS NULL",
                cancellationToken, ("now", now), ("id", timerId)).ConfigureAwait(false) != 1)
        {
            throw new EscalationException(EscalationErrorCode.Conflict, $"Timer {timerId} has already fired or was cancelled.");
        }

        if (commit.CompletedOutboxId is { } outboxId)
        {
            await ExecuteAsync(connection, transaction, "UPDATE escalation_outbox SET done_at = @now, attempts = attempts + 1 WHERE id = @id AND done_at IS NULL",
                cancellationToken, ("now", now), ("id", outboxId)).ConfigureAwait(false);
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
        var list = await QueryAsync("SELECT body FROM escalation WHERE id = @p", ReadEscalation, cancellationToken, ("p", escalationId)).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<EscalationRecord>> ListForCaseAsync(string problemNumber, CancellationToken cancellationToken) =>
        QueryAsync("SELECT body FROM escalation WHERE problem_number = @p ORDER BY seq", ReadEscalation, cancellationToken, ("p", problemNumber));

    public Task<IReadOnlyList<EscalationRecord>> ListOpenAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT body FROM escalation WHERE state NOT IN ('{EscalationState.HandedBack}', '{EscalationState.Cancelled}') ORDER BY seq", ReadEscalation, cancellationToken);

    private static async Task WriteEscalationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EscalationRecord escalation, long? expectedVersion, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(escalation, Json);
        if (expectedVersion is null)
        {
            // ON CONFLICT keeps the transaction usable and tells a racing start apart from other errors.
            var inserted = await ExecuteAsync(connection, transaction,
                "INSERT INTO escalation (id, problem_number, state, version, body) VALUES (@id, @pn, @state, @version, @body) ON CONFLICT (id) DO NOTHING",
                cancellationToken, ("id", escalation.Id), ("pn", escalation.ProblemNumber), ("state", escalation.State.ToString()),
                ("version", escalation.Version), ("body", body)).ConfigureAwait(false);
            if (inserted != 1)
            {
                throw new EscalationException(EscalationErrorCode.Conflict, $"Escalation {escalation.Id} already exists.");
            }

            return;
        }

        var rows = await ExecuteAsync(connection, transaction, "UPDATE escalation SET state = @state, version = @version, body = @body WHERE id = @id AND version = @expected",
            cancellationToken, ("id", escalation.Id), ("state", escalation.State.ToString()), ("version", escalation.Version),
            ("body", body), ("expected", expectedVersion.Value)).ConfigureAwait(false);
        if (rows != 1)
        {
            throw new EscalationException(EscalationErrorCode.Conflict, $"Escalation {escalation.Id} changed meanwhile (expected version {expectedVersion}).");
        }
    }

    private static async Task WriteEffectAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EscalationRecord escalation, EscalationEffect effect, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string cancelTimers = "UPDATE escalation_timer SET cancelled_at = @now WHERE escalation_id = @id AND fired_at IS NULL AND cancelled_at IS NULL";
        switch (effect)
        {
            case EscalationEffect.ArmResponseTimer arm:
                await ExecuteAsync(connection, transaction, cancelTimers, cancellationToken, ("now", now.UtcTicks), ("id", escalation.Id)).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, "INSERT INTO escalation_timer (escalation_id, contact_index, due_at) VALUES (@id, @index, @due)",
                    cancellationToken, ("id", escalation.Id), ("index", arm.ContactIndex), ("due", arm.DueAt.UtcTicks)).ConfigureAwait(false);
                break;
            case EscalationEffect.CancelTimers:
                await ExecuteAsync(connection, transaction, cancelTimers, cancellationToken, ("now", now.UtcTicks), ("id", escalation.Id)).ConfigureAwait(false);
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
                    "INSERT INTO escalation_event (escalation_id, problem_number, at, kind, contact, detail, response_ticks) VALUES (@id, @pn, @at, @kind, @contact, @detail, @response)",
                    cancellationToken, ("id", e.EscalationId), ("pn", e.ProblemNumber), ("at", e.At.UtcTicks), ("kind", e.Kind.ToString()),
                    ("contact", e.Contact), ("detail", e.Detail), ("response", e.ResponseTime?.Ticks)).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"No storage for effect {effect.GetType().Name}.");
        }
    }

    private static Task<int> InsertOutboxAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, EscalationRecord escalation, OutboxKind kind, int contactIndex,
        EscalationContact? contact, string message, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction,
            """
            INSERT INTO escalation_outbox (escalation_id, problem_number, kind, contact_index, contact_name, contact_channel, contact_address, message, next_attempt_at)
            VALUES (@id, @pn, @kind, @index, @name, @channel, @address, @message, @now)
            """,
            cancellationToken, ("id", escalation.Id), ("pn", escalation.ProblemNumber), ("kind", kind.ToString()), ("index", contactIndex),
            ("name", contact?.Name), ("channel", contact?.Channel.ToString()), ("address", contact?.Address), ("message", message), ("now", now.UtcTicks));

    private static EscalationRecord ReadEscalation(NpgsqlDataReader r) =>
        JsonSerializer.Deserialize<EscalationRecord>(r.GetString(0), Json) ?? throw new InvalidOperationException("An escalation row holds no state.");

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);
}
