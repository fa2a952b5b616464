using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Entitlement;

/// <summary>
/// Imports the manufacturer's entitlement file (R8) and answers lookups at intake. An import
/// is all or nothing: one bad row rejects the file, the previous list stays active, and the
/// attempt with its errors is kept in the history either way.
/// </summary>
public sealed class EntitlementService
{
    private readonly ICaseStore _store;
    private readonly TimeProvider _time;
    private readonly DeskCalendar _calendar;

    public EntitlementService(ICaseStore store, TimeProvider timeProvider, DeskCalendar? calendar = null)
    {
        _store = store;
        _time = timeProvider;
        _calendar = calendar ?? DeskCalendar.Utc;
    }

    public async Task<EntitlementImportRecord> ImportAsync(Actor actor, string manufacturer, string sourceName, TextReader csv, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureRole(actor, "import entitlement files", Role.Administrator, Role.Supervisor, Role.System);
        if (string.IsNullOrWhiteSpace(manufacturer))
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, "The manufacturer is required.");
        }

        var parsed = EntitlementCsvParser.Parse(csv);
        var record = new EntitlementImportRecord
        {
            Manufacturer = manufacturer,
            SourceName = string.IsNullOrWhiteSpace(sourceName) ? "(unnamed)" : sourceName,
            ImportedBy = actor.UserId,
            ImportedAt = _time.GetUtcNow(),
            Accepted = parsed.IsValid,
            RowCount = parsed.RowCount,
            Errors = parsed.Errors,
        };
        var id = await _store.SaveEntitlementImportAsync(record, parsed.IsValid ? parsed.Entries : [], cancellationToken).ConfigureAwait(false);
        return record with { Id = id };
    }

    /// <summary>Entitled when the account is on the active list and its expiry date (inclusive) is not past, in the desk's calendar.</summary>
    public async Task<EntitlementCheck> CheckAsync(string manufacturer, string customerAccount, CancellationToken cancellationToken = default)
    {
        var entry = await _store.FindEntitlementAsync(manufacturer, customerAccount, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return new EntitlementCheck(EntitlementStatus.Unknown, null);
        }

        return new EntitlementCheck(entry.IsInForceOn(_calendar.LocalDate(_time.GetUtcNow())) ? EntitlementStatus.Entitled : EntitlementStatus.Expired, entry);
    }

    public Task<IReadOnlyList<EntitlementImportRecord>> ListImportsAsync(Actor actor, string manufacturer, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureDesk(actor, "read the entitlement import history");
        return _store.ListEntitlementImportsAsync(manufacturer, cancellationToken);
    }
}
