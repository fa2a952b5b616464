using System.Globalization;
using System.Text.Json;
using CallRouter.Cases.Entitlement;

namespace CallRouter.Cases.Storage;

public abstract partial class AdoCaseStore
{
    // The history keeps the first errors of a rejected file; error_count keeps the true total.
    private const int MaxStoredErrors = 1000;

    public async Task<long> SaveEntitlementImportAsync(EntitlementImportRecord import, IReadOnlyList<EntitlementEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var errors = JsonSerializer.Serialize(import.Errors.Take(MaxStoredErrors).Select(e => new StoredError(e.Line, e.Column, e.Reason)).ToArray());
        long id;
        await using (var insert = Command(connection, tx,
            "INSERT INTO entitlement_imports (manufacturer, source_name, imported_by, imported_at, accepted, row_count, error_count, errors) " +
            "VALUES (@mfr, @source, @by, @at, @accepted, @rows, @errorCount, @errors) RETURNING id",
            ("mfr", import.Manufacturer), ("source", import.SourceName), ("by", import.ImportedBy), ("at", import.ImportedAt.UtcTicks),
            ("accepted", import.Accepted), ("rows", import.RowCount), ("errorCount", import.Errors.Count), ("errors", errors)))
        {
            id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        if (import.Accepted)
        {
            // One prepared command, new values per row: thousands of rows in one transaction.
            await using var row = Command(connection, tx,
                "INSERT INTO entitlement_entries (import_id, account, customer_account, customer_name, service_level, expiry_date) " +
                "VALUES (@id, @account, @customerAccount, @name, @level, @expiry)",
                ("id", id), ("account", ""), ("customerAccount", ""), ("name", ""), ("level", ""), ("expiry", ""));
            foreach (var entry in entries)
            {
                row.Parameters["account"].Value = EntitlementEntry.NormaliseAccount(entry.CustomerAccount);
                row.Parameters["customerAccount"].Value = entry.CustomerAccount;
                row.Parameters["name"].Value = entry.CustomerName;
                row.Parameters["level"].Value = entry.ServiceLevel;
                row.Parameters["expiry"].Value = entry.ExpiryDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                await row.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // The swap: lookups follow this pointer, so they see the old list or the new one, never a mix.
            await using var activate = Command(connection, tx,
                "INSERT INTO entitlement_active (manufacturer, import_id) VALUES (@mfr, @id) " +
                "ON CONFLICT (manufacturer) DO UPDATE SET import_id = excluded.import_id",
                ("mfr", import.Manufacturer), ("id", id));
            await activate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<EntitlementEntry?> FindEntitlementAsync(string manufacturer, string customerAccount, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(
            "SELECT e.customer_account, e.customer_name, e.service_level, e.expiry_date FROM entitlement_active a " +
            "JOIN entitlement_entries e ON e.import_id = a.import_id WHERE a.manufacturer = @mfr AND e.account = @account",
            r => new EntitlementEntry(r.GetString(0), r.GetString(1), r.GetString(2),
                DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            cancellationToken, ("mfr", manufacturer), ("account", EntitlementEntry.NormaliseAccount(customerAccount))).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<int> CountActiveEntitlementsAsync(string manufacturer, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync(
            "SELECT COUNT(*) FROM entitlement_active a JOIN entitlement_entries e ON e.import_id = a.import_id WHERE a.manufacturer = @mfr",
            r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), cancellationToken, ("mfr", manufacturer)).ConfigureAwait(false);
        return rows[0];
    }

    public Task<IReadOnlyList<EntitlementImportRecord>> ListEntitlementImportsAsync(string manufacturer, CancellationToken cancellationToken = default) =>
        QueryAsync(
            "SELECT id, manufacturer, source_name, imported_by, imported_at, accepted, row_count, errors FROM entitlement_imports " +
            "WHERE manufacturer = @mfr ORDER BY id",
            r => new EntitlementImportRecord
            {
                Id = r.GetInt64(0),
                Manufacturer = r.GetString(1),
                SourceName = r.GetString(2),
                ImportedBy = r.GetString(3),
                ImportedAt = Instant(r, 4),
                Accepted = r.GetBoolean(5),
                RowCount = Convert.ToInt32(r.GetValue(6), CultureInfo.InvariantCulture),
                Errors = (JsonSerializer.Deserialize<StoredError[]>(r.GetString(7)) ?? [])
                    .Select(e => new EntitlementImportError(e.Line, e.Column, e.Reason)).ToArray(),
            },
            cancellationToken, ("mfr", manufacturer));

    private sealed record StoredError(int Line, string Column, string Reason);
}
