using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Billing;

/// <summary>Monthly invoices (R15) from the store's case volume; supervisors and administrators only.</summary>
public sealed class BillingService
{
    private readonly ICaseStore _store;
    private readonly DeskCalendar _calendar;

    public BillingService(ICaseStore store, DeskCalendar? calendar = null)
    {
        _store = store;
        _calendar = calendar ?? DeskCalendar.Utc;
    }

    public async Task<MonthlyInvoice> InvoiceAsync(Actor actor, BillingTerms terms, int year, int month, CancellationToken cancellationToken = default)
    {
        CasePermissions.EnsureRole(actor, "produce invoices", Role.Supervisor, Role.Administrator, Role.System);
        ArgumentNullException.ThrowIfNull(terms);
        if (month is < 1 or > 12 || year is < 2000 or > 9999)
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"{year}-{month} is not a billing month.");
        }

        var first = new DateOnly(year, month, 1);
        var (fromUtc, toUtc) = _calendar.Range(first, first.AddMonths(1).AddDays(-1));
        var rows = await _store.ListCaseBillingAsync(terms.Manufacturer, fromUtc, toUtc, cancellationToken).ConfigureAwait(false);
        return InvoiceCalculator.Calculate(terms, year, month, rows, _calendar);
    }
}
