using CallRouter.Escalation.Domain;
using Microsoft.Data.Sqlite;

namespace CallRouter.Escalation.Storage;

public sealed partial class SqliteEscalationStore
{
    public Task<IReadOnlyList<EscalationTimer>> ListDueTimersAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT id, escalation_id, contact_index, due_at FROM escalation_timer WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $now ORDER BY due_at, id LIMIT $limit",
            ReadTimer, cancellationToken, ("$now", now.UtcTicks), ("$limit", limit));

    public Task<IReadOnlyList<EscalationTimer>> ListPendingTimersAsync(string escalationId, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT id, escalation_id, contact_index, due_at FROM escalation_timer WHERE fired_at IS NULL AND cancelled_at IS NULL AND escalation_id = $id ORDER BY due_at, id",
            ReadTimer, cancellationToken, ("$id", escalationId));

    public async Task<bool> MarkTimerFiredAsync(long timerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "UPDATE escalation_timer SET fired_at = $now WHERE id = $id AND fired_at IS NULL AND cancelled_at IS NULL",
            cancellationToken, ("$now", now.UtcTicks), ("$id", timerId)).ConfigureAwait(false) == 1;
    }

    public Task<IReadOnlyList<OutboxItem>> ListDueOutboxAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            """
            SELECT id, escalation_id, problem_number, kind, contact_index, contact_name, contact_channel, contact_address, message, attempts, next_attempt_at, last_error
            FROM escalation_outbox WHERE done_at IS NULL AND next_attempt_at <= $now ORDER BY next_attempt_at, id LIMIT $limit
            """,
            ReadOutbox, cancellationToken, ("$now", now.UtcTicks), ("$limit", limit));

    public async Task CompleteOutboxAsync(long itemId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE escalation_outbox SET done_at = $now, attempts = attempts + 1 WHERE id = $id AND done_at IS NULL",
            cancellationToken, ("$now", now.UtcTicks), ("$id", itemId)).ConfigureAwait(false);
    }

    public async Task RescheduleOutboxAsync(long itemId, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE escalation_outbox SET attempts = attempts + 1, next_attempt_at = $next, last_error = $error WHERE id = $id AND done_at IS NULL",
            cancellationToken, ("$next", nextAttemptAt.UtcTicks), ("$error", error), ("$id", itemId)).ConfigureAwait(false);
    }

    public async Task PostponeOutboxAsync(long itemId, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE escalation_outbox SET next_attempt_at = $next WHERE id = $id AND done_at IS NULL",
            cancellationToken, ("$next", nextAttemptAt.UtcTicks), ("$id", itemId)).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<EscalationEvent>> ListEventsAsync(string escalationId, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT id, escalation_id, problem_number, at, kind, contact, detail, response_ticks FROM escalation_event WHERE escalation_id = $id ORDER BY id",
            ReadEvent, cancellationToken, ("$id", escalationId));

    public Task<IReadOnlyList<EscalationEvent>> ListUnforwardedEventsAsync(int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT id, escalation_id, problem_number, at, kind, contact, detail, response_ticks FROM escalation_event WHERE forwarded_at IS NULL ORDER BY id LIMIT $limit",
            ReadEvent, cancellationToken, ("$limit", limit));

    public async Task MarkEventForwardedAsync(long eventId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE escalation_event SET forwarded_at = $now WHERE id = $id",
            cancellationToken, ("$now", now.UtcTicks), ("$id", eventId)).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> NextWakeAsync(CancellationToken cancellationToken)
    {
        var next = await QueryAsync(
            """
            SELECT MIN(t) FROM (
                SELECT MIN(due_at) AS t FROM escalation_timer WHERE fired_at IS NULL AND cancelled_at IS NULL
                UNION ALL
                SELECT MIN(next_attempt_at) FROM escalation_outbox WHERE done_at IS NULL)
            """,
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : FromTicks(r.GetInt64(0)), cancellationToken).ConfigureAwait(false);
        return next.Count == 0 ? null : next[0];
    }

    private static EscalationTimer ReadTimer(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetInt32(2), FromTicks(r.GetInt64(3)));

    private static OutboxItem ReadOutbox(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), Enum.Parse<OutboxKind>(r.GetString(3)), r.GetInt32(4),
            r.IsDBNull(5) ? null : new EscalationContact(r.GetString(5), Enum.Parse<ContactChannel>(r.GetString(6)), r.GetString(7)),
            r.GetString(8), r.GetInt32(9), FromTicks(r.GetInt64(10)), r.IsDBNull(11) ? null : r.GetString(11));

    private static EscalationEvent ReadEvent(SqliteDataReader r) =>
        new(r.GetString(1), r.GetString(2), FromTicks(r.GetInt64(3)), Enum.Parse<EscalationEventKind>(r.GetString(4)),
            r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : TimeSpan.FromTicks(r.GetInt64(7)))
        {
            Id = r.GetInt64(0),
        };

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(read(reader));
        }

        return result;
    }
}
