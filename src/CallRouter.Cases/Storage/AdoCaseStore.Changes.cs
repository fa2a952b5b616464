using System.Data.Common;
using CallRouter.Cases.Domain;

namespace CallRouter.Cases.Storage;

public abstract partial class AdoCaseStore
{
    private const string InsertCaseSql =
        $"INSERT INTO cases ({CaseColumns}) VALUES (@pn, @mfr, @acct, @eu, @cb, @model, @serial, @sev, @state, @ent, @opened, @openedBy, @updated, " +
        "@lastUpdate, @due, @reminder, @escalated, @resolved, @closed, @version)";

    private const string UpdateCaseSql =
        "UPDATE cases SET manufacturer = @mfr, customer_account = @acct, end_user_name = @eu, callback_number = @cb, machine_model = @model, " +
        "serial_number = @serial, severity = @sev, state = @state, entitlement = @ent, opened_at = @opened, opened_by = @openedBy, " +
        "updated_at = @updated, last_update_at = @lastUpdate, next_update_due_at = @due, reminder_raised_for = @reminder, " +
        "first_escalated_at = @escalated, resolved_at = @resolved, closed_at = @closed, version = @version " +
        "WHERE problem_number = @pn AND version = @expected";

    public virtual async Task CommitAsync(CaseChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        ValidateChange(change);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ApplyAsync(connection, tx, change, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static void ValidateChange(CaseChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Case.Version != change.ExpectedVersion + 1)
        {
            throw new ArgumentException($"Case version must be ExpectedVersion + 1 ({change.ExpectedVersion + 1}), not {change.Case.Version}.", nameof(change));
        }
    }

    /// <summary>
    /// Applies one change inside the caller's transaction, statement by statement; a failure
    /// leaves the transaction to be rolled back (or the savepoint, for the group committer).
    /// </summary>
    protected async Task ApplyAsync(DbConnection connection, DbTransaction tx, CaseChange change, CancellationToken cancellationToken)
    {
        foreach (var statement in Statements(change))
        {
            await using var command = Command(connection, tx, statement.Sql, statement.Parameters);
            int affected;
            try
            {
                affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex) when (statement.DuplicateError is not null && IsUniqueViolation(ex))
            {
                throw WithInner(statement.DuplicateError(), ex);
            }

            if (affected == 0 && statement.NoRowError is not null)
            {
                throw statement.NoRowError();
            }
        }
    }

    /// <summary>
    /// Applies one change as a single batch (one round trip); the caller rolls the transaction
    /// back on any exception. <paramref name="failedTable"/> names the table a provider's unique
    /// violation is about, to word the error as the statement-by-statement path does.
    /// </summary>
    protected async Task ApplyAsBatchAsync(DbConnection connection, DbTransaction tx, CaseChange change, Func<DbException, string?> failedTable, CancellationToken cancellationToken)
    {
        var statements = Statements(change);
        await using var batch = connection.CreateBatch();
        batch.Transaction = tx;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var (name, value) in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (IsUniqueViolation(ex))
        {
            var table = failedTable(ex);
            var candidates = statements.Where(s => s.DuplicateError is not null && s.Table == table).Select(s => s.DuplicateError!()).ToList();
            if (candidates.Count == 0)
            {
                throw;
            }

            // Several new calls in one change and the server did not say which: name them all.
            throw candidates.Count == 1
                ? WithInner(candidates[0], ex)
                : new CaseException(CaseErrorCode.AlreadyExists, "One of these is already recorded: " + string.Join(" ", candidates.Select(c => c.Message)), ex);
        }

        for (var i = 0; i < statements.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected == 0 && statements[i].NoRowError is { } noRow)
            {
                throw noRow();
            }
        }
    }

    private static CaseException WithInner(CaseException error, Exception inner) => new(error.Code, error.Message, inner);

    private static List<ChangeStatement> Statements(CaseChange change)
    {
        var c = change.Case;
        var statements = new List<ChangeStatement>();
        if (change.ExpectedVersion == 0)
        {
            statements.Add(new("cases", InsertCaseSql, CaseParameters(c),
                DuplicateError: () => new CaseException(CaseErrorCode.AlreadyExists, $"Case {c.ProblemNumber} already exists.")));
        }
        else
        {
            statements.Add(new("cases", UpdateCaseSql, [.. CaseParameters(c), ("expected", change.ExpectedVersion)],
                NoRowError: () => new CaseException(CaseErrorCode.Conflict,
                    $"Case {c.ProblemNumber} changed since version {change.ExpectedVersion} was read (or does not exist).")));
        }

        foreach (var call in change.NewCalls)
        {
            statements.Add(new("calls", $"INSERT INTO calls ({CallColumns}) VALUES (@id, @pn, @agent, @started, @queued, @answered, @ended, @mfr, @vm, @vmReturned, @logged, @transferred, @transferredBy, @level2Answered)",
                CallParameters(call),
                DuplicateError: () => new CaseException(CaseErrorCode.AlreadyExists, $"Call '{call.CallId}' is already recorded.")));
        }

        foreach (var call in change.UpdatedCalls)
        {
            statements.Add(new("calls",
                "UPDATE calls SET agent_id = @agent, started_at = @started, queued_at = @queued, answered_at = @answered, ended_at = @ended, " +
                "from_manufacturer = @mfr, voicemail = @vm, voicemail_returned_at = @vmReturned, logged_at = @logged, " +
                "transferred_at = @transferred, transferred_by = @transferredBy, level2_answered_at = @level2Answered WHERE call_id = @id AND problem_number = @pn",
                CallParameters(call),
                NoRowError: () => new CaseException(CaseErrorCode.NotFound, $"Call '{call.CallId}' is not attached to case {call.ProblemNumber}.")));
        }

        foreach (var s in change.SeverityChanges)
        {
            statements.Add(new("severity_history",
                "INSERT INTO severity_history (problem_number, from_severity, to_severity, agreed_by, agreed_at, channel, recorded_by, recorded_at) " +
                "VALUES (@pn, @from, @to, @by, @agreedAt, @channel, @recordedBy, @recordedAt)",
                [("pn", s.ProblemNumber.Digits), ("from", s.From is null ? null : (int)s.From.Value), ("to", (int)s.To),
                 ("by", s.Agreement.AgreedBy), ("agreedAt", s.Agreement.AgreedAt.UtcTicks), ("channel", s.Agreement.Channel),
                 ("recordedBy", s.RecordedBy), ("recordedAt", s.RecordedAt.UtcTicks)]));
        }

        foreach (var n in change.Notes)
        {
            statements.Add(new("notes", "INSERT INTO notes (problem_number, kind, text, author, author_role, at) VALUES (@pn, @kind, @text, @author, @role, @at)",
                [("pn", n.ProblemNumber.Digits), ("kind", n.Kind.ToString()), ("text", n.Text), ("author", n.Author),
                 ("role", n.AuthorRole.ToString()), ("at", n.At.UtcTicks)]));
        }

        foreach (var a in change.Audit)
        {
            statements.Add(new("audit", AuditInsertSql, AuditParameters(a)));
        }

        foreach (var o in change.Outbox)
        {
            statements.Add(new("outbox", "INSERT INTO outbox (kind, manufacturer, problem_number, payload, created_at, delivered_at) VALUES (@kind, @mfr, @pn, @payload, @created, @delivered)",
                [("kind", o.Kind), ("mfr", o.Manufacturer), ("pn", o.ProblemNumber?.Digits), ("payload", o.PayloadJson),
                 ("created", o.CreatedAt.UtcTicks), ("delivered", o.DeliveredAt?.UtcTicks)]));
        }

        return statements;
    }

    private const string AuditInsertSql =
        "INSERT INTO audit (problem_number, at, actor_id, actor_role, action, detail) VALUES (@pn, @at, @actor, @role, @action, @detail)";

    private static (string, object?)[] AuditParameters(AuditEntry a) =>
        [("pn", a.ProblemNumber.Digits), ("at", a.At.UtcTicks), ("actor", a.ActorId), ("role", a.ActorRole.ToString()),
         ("action", a.Action), ("detail", a.Detail)];

    private static (string, object?)[] CaseParameters(CaseRecord c) =>
    [
        ("pn", c.ProblemNumber.Digits), ("mfr", c.Manufacturer), ("acct", c.CustomerAccount), ("eu", c.EndUserName),
        ("cb", c.CallbackNumber), ("model", c.MachineModel), ("serial", c.SerialNumber), ("sev", (int)c.Severity),
        ("state", c.State.ToString()), ("ent", c.Entitlement.ToString()), ("opened", c.OpenedAt.UtcTicks), ("openedBy", c.OpenedBy),
        ("updated", c.UpdatedAt.UtcTicks), ("lastUpdate", c.LastEndUserUpdateAt.UtcTicks), ("due", c.NextUpdateDueAt?.UtcTicks),
        ("reminder", c.ReminderRaisedFor?.UtcTicks), ("escalated", c.FirstEscalatedAt?.UtcTicks), ("resolved", c.ResolvedAt?.UtcTicks),
        ("closed", c.ClosedAt?.UtcTicks), ("version", c.Version),
    ];

    private static (string, object?)[] CallParameters(CallRecord call) =>
    [
        ("id", call.CallId), ("pn", call.ProblemNumber.Digits), ("agent", call.AgentId), ("started", call.StartedAt.UtcTicks),
        ("queued", call.QueuedAt?.UtcTicks), ("answered", call.AnsweredAt?.UtcTicks), ("ended", call.EndedAt?.UtcTicks),
        ("mfr", call.FromManufacturer), ("vm", call.Voicemail), ("vmReturned", call.VoicemailReturnedAt?.UtcTicks),
        ("logged", call.LoggedAt?.UtcTicks), ("transferred", call.TransferredAt?.UtcTicks), ("transferredBy", call.TransferredBy),
        ("level2Answered", call.Level2AnsweredAt?.UtcTicks),
    ];
}
