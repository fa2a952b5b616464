using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Billing;

/// <summary>
/// Attachment A2 arithmetic, pure and in decimal:
/// <list type="bullet">
/// <item>A case is billed in the month it was opened (desk calendar), on or after the
/// implementation end date. It counts once it has an answered call from the end user; a case
/// with only abandoned or manufacturer calls bills nothing (manufacturer calls are never
/// billable, SOW-A 4.0 IBM 6).</item>
/// <item>Billed cases = ceiling(billable talk / 18 min), at least 1: 18 min is 1, 37 min is 3.</item>
/// <item>Minimum volume by billing month: 400, 800, then 1,200. The first month is prorated by
/// calendar days from the implementation end date to month end, inclusive, rounded half up
/// to whole cases: ending 16 June (15 of 30 days) gives 200 cases. The minimum charge is the
/// minimum volume × $29, which reproduces the contract's $11,600 / $23,200 / $34,800.</item>
/// <item>Service charge = max(minimum charge, billed cases × $29); the excess over the
/// minimum is the month-end reconciliation invoice.</item>
/// <item>Set-up: $48,000 in 12 equal instalments of $4,000, one in each calendar month from
/// the month of the SOW-A effective date.</item>
/// </list>
/// </summary>
public static class InvoiceCalculator
{
    public static int BilledCases(TimeSpan billableTalk, TimeSpan increment)
    {
        if (increment <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(increment), "The billing increment must be positive.");
        }

        var increments = (billableTalk.Ticks + increment.Ticks - 1) / increment.Ticks;
        return (int)Math.Max(1, increments);
    }

    public static MonthlyInvoice Calculate(BillingTerms terms, int year, int month, IEnumerable<CaseBillingRow> cases, DeskCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(calendar);
        if (month is < 1 or > 12 || year is < 2000 or > 9999)
        {
            throw new CaseException(CaseErrorCode.InvalidArgument, $"{year}-{month} is not a billing month.");
        }

        var monthStart = new DateOnly(year, month, 1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        var daysInMonth = monthEnd.Day;
        var start = terms.ImplementationEndDate;
        var billingMonth = monthEnd < start ? 0 : MonthsBetween(start, monthStart) + 1;
        var billedFrom = billingMonth == 1 ? start : monthStart;
        var daysBilled = billingMonth == 0 ? 0 : monthEnd.DayNumber - billedFrom.DayNumber + 1;

        var minimumCases = 0;
        if (billingMonth > 0)
        {
            var stage = terms.StagedMinimumCases[Math.Min(billingMonth, terms.StagedMinimumCases.Count) - 1];
            minimumCases = billingMonth == 1
                ? (int)Math.Round((decimal)stage * daysBilled / daysInMonth, 0, MidpointRounding.AwayFromZero)
                : stage;
        }

        var lines = new List<CaseVolumeLine>();
        if (billingMonth > 0)
        {
            foreach (var row in cases)
            {
                var openedOn = calendar.LocalDate(row.OpenedAt);
                if (openedOn < billedFrom || openedOn > monthEnd)
                {
                    continue;
                }

                var billed = row.AnsweredBillableCalls == 0 ? 0 : BilledCases(row.BillableTalk, terms.CaseIncrement);
                lines.Add(new CaseVolumeLine(row.ProblemNumber.ToString(), openedOn, row.AnsweredBillableCalls,
                    Math.Round((decimal)row.BillableTalk.Ticks / TimeSpan.TicksPerMinute, 2, MidpointRounding.AwayFromZero), billed));
            }
        }

        var billableCases = lines.Sum(l => l.BilledCases);
        var minimumCharge = minimumCases * terms.PerCaseRate;
        var perCaseCharge = billableCases * terms.PerCaseRate;
        var serviceCharge = Math.Max(minimumCharge, perCaseCharge);
        var instalmentIndex = MonthsBetween(terms.SowEffectiveDate, monthStart);
        int? instalmentNumber = instalmentIndex >= 0 && instalmentIndex < terms.SetupInstalments ? instalmentIndex + 1 : null;
        var instalment = instalmentNumber is null ? 0m : SetupInstalment(terms, instalmentNumber.Value);

        return new MonthlyInvoice
        {
            Manufacturer = terms.Manufacturer,
            Year = year,
            Month = month,
            BillingMonth = billingMonth,
            BilledFrom = billingMonth == 0 ? monthStart : billedFrom,
            BilledTo = monthEnd,
            DaysInMonth = daysInMonth,
            DaysBilled = daysBilled,
            MinimumCases = minimumCases,
            MinimumCharge = minimumCharge,
            CasesOpened = lines.Count,
            BillableCases = billableCases,
            CasesOver18Minutes = lines.Count(l => l.BilledCases > 1),
            PerCaseRate = terms.PerCaseRate,
            PerCaseCharge = perCaseCharge,
            ServiceCharge = serviceCharge,
            CasesAboveMinimum = Math.Max(0, billableCases - minimumCases),
            ReconciliationCharge = serviceCharge - minimumCharge,
            SetupInstalmentNumber = instalmentNumber,
            SetupInstalment = instalment,
            Total = serviceCharge + instalment,
            CaseVolume = lines,
        };
    }

    /// <summary>Equal instalments in cents; any cent left by the division goes on the last one so the sum is exact.</summary>
    private static decimal SetupInstalment(BillingTerms terms, int number)
    {
        var regular = Math.Floor(terms.SetupCharge / terms.SetupInstalments * 100m) / 100m;
        return number < terms.SetupInstalments ? regular : terms.SetupCharge - regular * (terms.SetupInstalments - 1);
    }

    private static int MonthsBetween(DateOnly from, DateOnly monthStart) =>
        (monthStart.Year - from.Year) * 12 + monthStart.Month - from.Month;
}
