namespace CallRouter.Cases.Storage;

/// <summary>
/// The schema migrations, written once for both stores. Tokens stand for the few dialect
/// differences: {id} an auto-increment key, {bool} a boolean column. Instants are stored as
/// UTC ticks (BIGINT) in both, so values round-trip exactly and compare as integers.
/// A migration is never edited once shipped; a change is a new, higher version.
/// </summary>
internal static class CaseSchema
{
    public static IReadOnlyList<(int Version, string Description, string Sql)> Migrations { get; } =
    [
        (1, "cases, calls, severity history, notes, audit, counters", """
            CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
            INSERT INTO counters (name, value) VALUES ('problem_number', 999999);
            CREATE TABLE cases (
                problem_number TEXT PRIMARY KEY,
                manufacturer TEXT NOT NULL,
                customer_account TEXT NOT NULL,
                end_user_name TEXT NULL,
                callback_number TEXT NULL,
                machine_model TEXT NULL,
                serial_number TEXT NULL,
                severity INTEGER NOT NULL,
                state TEXT NOT NULL,
                entitlement TEXT NOT NULL,
                opened_at BIGINT NOT NULL,
                opened_by TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                last_update_at BIGINT NOT NULL,
                next_update_due_at BIGINT NULL,
                reminder_raised_for BIGINT NULL,
                first_escalated_at BIGINT NULL,
                resolved_at BIGINT NULL,
                closed_at BIGINT NULL,
                version BIGINT NOT NULL);
            CREATE INDEX ix_cases_manufacturer ON cases (manufacturer, problem_number);
            CREATE INDEX ix_cases_due ON cases (next_update_due_at);
            CREATE INDEX ix_cases_opened ON cases (opened_at);
            CREATE TABLE calls (
                call_id TEXT PRIMARY KEY,
                problem_number TEXT NOT NULL REFERENCES cases (problem_number),
                agent_id TEXT NULL,
                started_at BIGINT NOT NULL,
                queued_at BIGINT NULL,
                answered_at BIGINT NULL,
                ended_at BIGINT NULL,
                from_manufacturer {bool} NOT NULL,
                voicemail {bool} NOT NULL,
                voicemail_returned_at BIGINT NULL,
                logged_at BIGINT NULL);
            CREATE INDEX ix_calls_case ON calls (problem_number);
            CREATE INDEX ix_calls_started ON calls (started_at);
            CREATE TABLE severity_history (
                id {id},
                problem_number TEXT NOT NULL REFERENCES cases (problem_number),
                from_severity INTEGER NULL,
                to_severity INTEGER NOT NULL,
                agreed_by TEXT NOT NULL,
                agreed_at BIGINT NOT NULL,
                channel TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at BIGINT NOT NULL);
            CREATE INDEX ix_severity_case ON severity_history (problem_number);
            CREATE TABLE notes (
                id {id},
                problem_number TEXT NOT NULL REFERENCES cases (problem_number),
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                author TEXT NOT NULL,
                author_role TEXT NOT NULL,
                at BIGINT NOT NULL);
            CREATE INDEX ix_notes_case ON notes (problem_number);
            CREATE TABLE audit (
                seq {id},
                problem_number TEXT NOT NULL REFERENCES cases (problem_number),
                at BIGINT NOT NULL,
                actor_id TEXT NOT NULL,
                actor_role TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NOT NULL);
            CREATE INDEX ix_audit_case ON audit (problem_number, seq);
            """),
        (2, "entitlement imports and outbox", """
            CREATE TABLE entitlement_imports (
                id {id},
                manufacturer TEXT NOT NULL,
                source_name TEXT NOT NULL,
                imported_by TEXT NOT NULL,
                imported_at BIGINT NOT NULL,
                accepted {bool} NOT NULL,
                row_count INTEGER NOT NULL,
                error_count INTEGER NOT NULL,
                errors TEXT NOT NULL);
            CREATE INDEX ix_entitlement_imports ON entitlement_imports (manufacturer, id);
            CREATE TABLE entitlement_entries (
                import_id BIGINT NOT NULL REFERENCES entitlement_imports (id),
                account TEXT NOT NULL,
                customer_account TEXT NOT NULL,
                customer_name TEXT NOT NULL,
                service_level TEXT NOT NULL,
                expiry_date TEXT NOT NULL,
                PRIMARY KEY (import_id, account));
            CREATE TABLE entitlement_active (
                manufacturer TEXT PRIMARY KEY,
                import_id BIGINT NOT NULL REFERENCES entitlement_imports (id));
            CREATE TABLE outbox (
                id {id},
                kind TEXT NOT NULL,
                manufacturer TEXT NOT NULL,
                problem_number TEXT NULL,
                payload TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                delivered_at BIGINT NULL);
            CREATE INDEX ix_outbox_pending ON outbox (delivered_at, id);
            """),
        (3, "access log for reads that are not about one case", """
            CREATE TABLE access_log (
                id {id},
                at BIGINT NOT NULL,
                actor_id TEXT NOT NULL,
                actor_role TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NOT NULL);
            CREATE INDEX ix_access_log_actor ON access_log (actor_id, id);
            """),
        // Nullable columns: calls recorded before this migration read as never transferred,
        // which they were (a transfer used to end one call and start another).
        (4, "transfer to L2 on a call: transferred at / by, L2 answered at", """
            ALTER TABLE calls ADD COLUMN transferred_at BIGINT NULL;
            ALTER TABLE calls ADD COLUMN transferred_by TEXT NULL;
            ALTER TABLE calls ADD COLUMN level2_answered_at BIGINT NULL;
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;
}
