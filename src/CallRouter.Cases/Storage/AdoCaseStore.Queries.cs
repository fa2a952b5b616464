using System.Data.Common;
using System.Runtime.CompilerServices;
using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Storage;

public abstract partial class AdoCaseStore
{
    public async Task<CaseRecord?> GetCaseAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {CaseColumns} FROM cases WHERE problem_number = @pn", ReadCase, cancellationToken,
            ("pn", problemNumber.Digits)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<CallRecord?> GetCallAsync(string callId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {CallColumns} FROM calls WHERE call_id = @id", ReadCall, cancellationToken,
            ("id", callId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<CallRecord>> ListCallsAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {CallColumns} FROM calls WHERE problem_number = @pn ORDER BY started_at, call_id", ReadCall, cancellationToken,
            ("pn", problemNumber.Digits));

    public Task<IReadOnlyList<SeverityChange>> ListSeverityHistoryAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT problem_number, from_severity, to_severity, agreed_by, agreed_at, channel, recorded_by, recorded_at " +
            "FROM severity_history WHERE problem_number = @pn ORDER BY id", r => new SeverityChange(
                ProblemNumber.Parse(r.GetString(0)),
                r.IsDBNull(1) ? null : (Severity)Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                (Severity)Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                new EndUserAgreement(r.GetString(3), Instant(r, 4), r.GetString(5)),
                r.GetString(6),
                Instant(r, 7)), cancellationToken, ("pn", problemNumber.Digits));

    public Task<IReadOnlyList<CaseNote>> ListNotesAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT problem_number, kind, text, author, author_role, at FROM notes WHERE problem_number = @pn ORDER BY id",
            r => new CaseNote(ProblemNumber.Parse(r.GetString(0)), Enum.Parse<NoteKind>(r.GetString(1)), r.GetString(2), r.GetString(3),
                Enum.Parse<Role>(r.GetString(4)), Instant(r, 5)), cancellationToken, ("pn", problemNumber.Digits));

    public Task<IReadOnlyList<AuditEntry>> ListAuditAsync(ProblemNumber problemNumber, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT seq, problem_number, at, actor_id, actor_role, action, detail FROM audit WHERE problem_number = @pn ORDER BY seq",
            r => new AuditEntry(r.GetInt64(0), ProblemNumber.Parse(r.GetString(1)), Instant(r, 2), r.GetString(3),
                Enum.Parse<Role>(r.GetString(4)), r.GetString(5), r.GetString(6)), cancellationToken, ("pn", problemNumber.Digits));

    public Task<IReadOnlyList<CaseRecord>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Limit is < 1 or > CaseQuery.MaxLimit)
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"Page size must be 1 to {CaseQuery.MaxLimit}, not {query.Limit}.");
        }

        // Filters are appended only when set: "@p IS NULL OR ..." would leave PostgreSQL unable
        // to infer the type of a null parameter.
        var sql = new System.Text.StringBuilder($"SELECT {CaseColumns} FROM cases WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.Manufacturer is not null)
        {
            sql.Append(" AND manufacturer = @mfr");
            parameters.Add(("mfr", query.Manufacturer));
        }

        if (query.State is not null)
        {
            sql.Append(" AND state = @state");
            parameters.Add(("state", query.State.Value.ToString()));
        }

        if (query.CustomerAccount is not null)
        {
            sql.Append(" AND customer_account = @acct");
            parameters.Add(("acct", query.CustomerAccount));
        }

        if (query.After is not null)
        {
            sql.Append(" AND problem_number > @after");
            parameters.Add(("after", query.After.Value.Digits));
        }

        sql.Append(" ORDER BY problem_number LIMIT @limit");
        parameters.Add(("limit", query.Limit));
        return QueryAsync(sql.ToString(), ReadCase, cancellationToken, [.. parameters]);
    }

    public Task<IReadOnlyList<CaseRecord>> ListUpdateDueAsync(DateTimeOffset asOf, bool unraisedOnly, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {CaseColumns} FROM cases WHERE next_update_due_at IS NOT NULL AND next_update_due_at <= @asOf " +
            (unraisedOnly ? "AND (reminder_raised_for IS NULL OR reminder_raised_for <> next_update_due_at) " : "") +
            "ORDER BY next_update_due_at, problem_number LIMIT @limit", ReadCase, cancellationToken,
            ("asOf", asOf.UtcTicks), ("limit", limit));

    public IAsyncEnumerable<CallRecord> StreamCallsAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        StreamAsync($"SELECT {CallColumns} FROM calls WHERE started_at >= @from AND started_at < @to ORDER BY started_at, call_id",
            ReadCall, cancellationToken, ("from", fromUtc.UtcTicks), ("to", toUtc.UtcTicks));

    public IAsyncEnumerable<CaseRecord> StreamCasesAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        StreamAsync($"SELECT {CaseColumns} FROM cases WHERE opened_at < @to AND (closed_at IS NULL OR closed_at >= @from) ORDER BY problem_number",
            ReadCase, cancellationToken, ("from", fromUtc.UtcTicks), ("to", toUtc.UtcTicks));

    /// <summary>
    /// A call's talk in ticks, as <see cref="CallRecord.TalkDuration"/> computes it: answer to end, or for a
    /// call transferred to L2 the L1 talk (answer to transfer) plus the L2 talk (L2 answer to end, none if the
    /// caller left waiting). The L2 wait is never billed. Each part is clamped at zero like the domain's.
    /// </summary>
    private const string TalkTicksSql =
        "CASE WHEN k.transferred_at IS NULL THEN (CASE WHEN k.ended_at > k.answered_at THEN k.ended_at - k.answered_at ELSE 0 END) " +
        "ELSE (CASE WHEN k.transferred_at > k.answered_at THEN k.transferred_at - k.answered_at ELSE 0 END) + " +
        "(CASE WHEN k.level2_answered_at IS NOT NULL AND k.ended_at > k.level2_answered_at THEN k.ended_at - k.level2_answered_at ELSE 0 END) END";

    public Task<IReadOnlyList<CaseBillingRow>> ListCaseBillingAsync(string manufacturer, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "SELECT c.problem_number, c.opened_at, " +
            "CAST(COALESCE(SUM(CASE WHEN NOT k.from_manufacturer AND k.answered_at IS NOT NULL AND k.ended_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), " +
            $"CAST(COALESCE(SUM(CASE WHEN NOT k.from_manufacturer AND k.answered_at IS NOT NULL AND k.ended_at IS NOT NULL THEN {TalkTicksSql} ELSE 0 END), 0) AS BIGINT) " +
            "FROM cases c LEFT JOIN calls k ON k.problem_number = c.problem_number " +
            "WHERE c.manufacturer = @mfr AND c.opened_at >= @from AND c.opened_at < @to " +
            "GROUP BY c.problem_number, c.opened_at ORDER BY c.problem_number",
            r => new CaseBillingRow(ProblemNumber.Parse(r.GetString(0)), Instant(r, 1),
                (int)Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                TimeSpan.FromTicks(Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture))),
            cancellationToken, ("mfr", manufacturer), ("from", fromUtc.UtcTicks), ("to", toUtc.UtcTicks));

    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(bool undeliveredOnly, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT id, kind, manufacturer, problem_number, payload, created_at, delivered_at FROM outbox" +
            (undeliveredOnly ? " WHERE delivered_at IS NULL" : "") + " ORDER BY id LIMIT @limit",
            r => new OutboxMessage(r.GetInt64(0), r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? null : ProblemNumber.Parse(r.GetString(3)), r.GetString(4), Instant(r, 5), NullableInstant(r, 6)),
            cancellationToken, ("limit", limit));

    public async Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, AuditInsertSql, AuditParameters(entry));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendAccessAsync(AccessEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "INSERT INTO access_log (at, actor_id, actor_role, action, detail) VALUES (@at, @actor, @role, @action, @detail)",
            ("at", entry.At.UtcTicks), ("actor", entry.ActorId), ("role", entry.ActorRole.ToString()), ("action", entry.Action), ("detail", entry.Detail));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<AccessEntry>> ListAccessAsync(string actorId, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT id, at, actor_id, actor_role, action, detail FROM access_log WHERE actor_id = @actor ORDER BY id LIMIT @limit",
            r => new AccessEntry(r.GetInt64(0), Instant(r, 1), r.GetString(2), Enum.Parse<Role>(r.GetString(3)), r.GetString(4), r.GetString(5)),
            cancellationToken, ("actor", actorId), ("limit", limit));

    public async Task MarkOutboxDeliveredAsync(long id, DateTimeOffset deliveredAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "UPDATE outbox SET delivered_at = @at WHERE id = @id AND delivered_at IS NULL",
            ("at", deliveredAt.UtcTicks), ("id", id));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new CaseException(CaseErrorCode.NotFound, $"Outbox message {id} does not exist or was already delivered.");
        }
    }

    protected async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var rows = new List<T>();
        await foreach (var row in StreamAsync(sql, read, cancellationToken, parameters).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    protected async IAsyncEnumerable<T> StreamAsync<T>(string sql, Func<DbDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return read(reader);
        }
    }

    private static CaseRecord ReadCase(DbDataReader r) => new()
    {
        ProblemNumber = ProblemNumber.Parse(r.GetString(0)),
        Manufacturer = r.GetString(1),
        CustomerAccount = r.GetString(2),
        EndUserName = NullableString(r, 3),
        CallbackNumber = NullableString(r, 4),
        MachineModel = NullableString(r, 5),
        SerialNumber = NullableString(r, 6),
        Severity = (Severity)Convert.ToInt32(r.GetValue(7), System.Globalization.CultureInfo.InvariantCulture),
        State = Enum.Parse<CaseState>(r.GetString(8)),
        Entitlement = Enum.Parse<EntitlementStatus>(r.GetString(9)),
        OpenedAt = Instant(r, 10),
        OpenedBy = r.GetString(11),
        UpdatedAt = Instant(r, 12),
        LastEndUserUpdateAt = Instant(r, 13),
        NextUpdateDueAt = NullableInstant(r, 14),
        ReminderRaisedFor = NullableInstant(r, 15),
        FirstEscalatedAt = NullableInstant(r, 16),
        ResolvedAt = NullableInstant(r, 17),
        ClosedAt = NullableInstant(r, 18),
        Version = r.GetInt64(19),
    };

    private static CallRecord ReadCall(DbDataReader r) => new()
    {
        CallId = r.GetString(0),
        ProblemNumber = ProblemNumber.Parse(r.GetString(1)),
        AgentId = NullableString(r, 2),
        StartedAt = Instant(r, 3),
        QueuedAt = NullableInstant(r, 4),
        AnsweredAt = NullableInstant(r, 5),
        EndedAt = NullableInstant(r, 6),
        FromManufacturer = r.GetBoolean(7),
        Voicemail = r.GetBoolean(8),
        VoicemailReturnedAt = NullableInstant(r, 9),
        LoggedAt = NullableInstant(r, 10),
        TransferredAt = NullableInstant(r, 11),
        TransferredBy = NullableString(r, 12),
        Level2AnsweredAt = NullableInstant(r, 13),
    };

    protected static DateTimeOffset Instant(DbDataReader r, int ordinal) => new(r.GetInt64(ordinal), TimeSpan.Zero);

    protected static DateTimeOffset? NullableInstant(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Instant(r, ordinal);

    protected static string? NullableString(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
