using System.Text.Json;
using CallRouter.Cases.Billing;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Reports;
using CallRouter.Cases.Storage;

namespace CallRouter.Cases.Tests.Billing;

public sealed class InvoiceCalculatorTests
{
    // SOW-A signed 15 May 2026; the implementation period ends 16 June 2026 (June has 30 days).
    private static readonly BillingTerms s_terms = BillingTerms.FromContract("NetScreen", new DateOnly(2026, 5, 15), new DateOnly(2026, 6, 16));

    private static IEnumerable<CaseBillingRow> Cases(int count, DateOnly openedOn, TimeSpan talk, int firstSequence = 1_000_000) =>
        Enumerable.Range(0, count).Select(i => new CaseBillingRow(
            ProblemNumber.FromSequence(firstSequence + i),
            new DateTimeOffset(openedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
            1, talk));

    private static MonthlyInvoice Invoice(int year, int month, IEnumerable<CaseBillingRow> cases) =>
        InvoiceCalculator.Calculate(s_terms, year, month, cases, DeskCalendar.Utc);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(18, 1)]
    [InlineData(36, 2)]
    [InlineData(37, 3)] // the contract's own example
    [InlineData(54, 3)]
    [InlineData(55, 4)]
    public void BilledCases_TalkMinutes_BilledInStarted18MinuteIncrements(int minutes, int expected)
    {
        Assert.Equal(expected, InvoiceCalculator.BilledCases(TimeSpan.FromMinutes(minutes), TimeSpan.FromMinutes(18)));
    }

    [Fact]
    public void BilledCases_OneTickOver18Minutes_BillsAsTwo()
    {
        Assert.Equal(2, InvoiceCalculator.BilledCases(TimeSpan.FromMinutes(18) + TimeSpan.FromTicks(1), TimeSpan.FromMinutes(18)));
    }

    [Fact]
    public void Calculate_FirstMonthEndingMidMonth_ProratesMinimumByCalendarDays()
    {
        // 16–30 June is 15 of 30 days: 400 × 15/30 = 200 cases, 200 × $29 = $5,800.
        var invoice = Invoice(2026, 6, Cases(150, new DateOnly(2026, 6, 20), TimeSpan.FromMinutes(10)));

        Assert.Equal((1, 15, 30, 200, 5_800.00m), (invoice.BillingMonth, invoice.DaysBilled, invoice.DaysInMonth, invoice.MinimumCases, invoice.MinimumCharge));
        Assert.Equal((150, 5_800.00m, 0m), (invoice.BillableCases, invoice.ServiceCharge, invoice.ReconciliationCharge));
    }

    [Fact]
    public void Calculate_FirstMonthOver31Days_RoundsProratedCasesHalfUp()
    {
        var terms = s_terms with { ImplementationEndDate = new DateOnly(2026, 7, 15) };

        // 15–31 July is 17 of 31 days: 400 × 17/31 = 219.35 → 219 cases → $6,351.
        var invoice = InvoiceCalculator.Calculate(terms, 2026, 7, [], DeskCalendar.Utc);

        Assert.Equal((219, 6_351.00m), (invoice.MinimumCases, invoice.MinimumCharge));
    }

    [Fact]
    public void Calculate_FirstMonthStartingOnTheFirst_IsTheContractsFullFirstMinimum()
    {
        var terms = s_terms with { ImplementationEndDate = new DateOnly(2026, 7, 1) };

        var invoice = InvoiceCalculator.Calculate(terms, 2026, 7, [], DeskCalendar.Utc);

        Assert.Equal((400, 11_600.00m), (invoice.MinimumCases, invoice.MinimumCharge));
    }

    [Fact]
    public void Calculate_FirstMonthAboveMinimum_ChargesPerCaseAndReconcilesTheIncrement()
    {
        var invoice = Invoice(2026, 6, Cases(250, new DateOnly(2026, 6, 16), TimeSpan.FromMinutes(10)));

        Assert.Equal((250, 50, 7_250.00m, 1_450.00m), (invoice.BillableCases, invoice.CasesAboveMinimum, invoice.ServiceCharge, invoice.ReconciliationCharge));
    }

    [Fact]
    public void Calculate_CasesOpenedBeforeImplementationEnd_AreNotBilled()
    {
        var invoice = Invoice(2026, 6, Cases(10, new DateOnly(2026, 6, 15), TimeSpan.FromMinutes(10)));

        Assert.Equal(0, invoice.BillableCases);
        Assert.Empty(invoice.CaseVolume);
    }

    [Theory]
    [InlineData(7, 2, 800, 23_200)]
    [InlineData(8, 3, 1200, 34_800)]
    [InlineData(9, 4, 1200, 34_800)]
    [InlineData(12, 7, 1200, 34_800)]
    public void Calculate_LaterMonths_StagedMinimumsOfTheContract(int month, int billingMonth, int minimumCases, int minimumCharge)
    {
        var invoice = Invoice(2026, month, []);

        Assert.Equal((billingMonth, minimumCases, (decimal)minimumCharge), (invoice.BillingMonth, invoice.MinimumCases, invoice.MinimumCharge));
        Assert.Equal((decimal)minimumCharge, invoice.ServiceCharge);
    }

    [Fact]
    public void Calculate_FourthMonthWith1300Cases_Charges100CasesAboveTheMinimumAt29()
    {
        var invoice = Invoice(2026, 9, Cases(1300, new DateOnly(2026, 9, 3), TimeSpan.FromMinutes(12)));

        // $34,800 + 100 × $29 = $37,700, of which $2,900 is the month-end reconciliation.
        Assert.Equal((1300, 100, 37_700.00m, 2_900.00m), (invoice.BillableCases, invoice.CasesAboveMinimum, invoice.ServiceCharge, invoice.ReconciliationCharge));
    }

    [Fact]
    public void Calculate_LongCases_AddIncrementsToTheVolume()
    {
        // 1,150 short cases + 20 cases of 37 minutes (3 each) = 1,210 billed: 10 above 1,200.
        var invoice = Invoice(2026, 9, Cases(1150, new DateOnly(2026, 9, 3), TimeSpan.FromMinutes(12))
            .Concat(Cases(20, new DateOnly(2026, 9, 4), TimeSpan.FromMinutes(37), firstSequence: 2_000_000)));

        Assert.Equal((1170, 1210, 20, 35_090.00m), (invoice.CasesOpened, invoice.BillableCases, invoice.CasesOver18Minutes, invoice.ServiceCharge));
    }

    [Fact]
    public void Calculate_CaseWithoutAnsweredEndUserCall_BillsNothing()
    {
        var row = new CaseBillingRow(ProblemNumber.FromSequence(1_000_000), new DateTimeOffset(2026, 9, 3, 12, 0, 0, TimeSpan.Zero), 0, TimeSpan.Zero);

        var invoice = Invoice(2026, 9, [row]);

        Assert.Equal((1, 0), (invoice.CasesOpened, invoice.BillableCases));
    }

    [Fact]
    public void Calculate_SetupCharge_TwelveInstalmentsOf4000FromTheEffectiveMonthSummingTo48000()
    {
        var invoices = Enumerable.Range(0, 14).Select(i => new DateOnly(2026, 5, 1).AddMonths(i)).Select(d => Invoice(d.Year, d.Month, [])).ToList();

        Assert.All(invoices.Take(12), i => Assert.Equal(4_000.00m, i.SetupInstalment));
        Assert.Equal(Enumerable.Range(1, 12).Cast<int?>(), invoices.Take(12).Select(i => i.SetupInstalmentNumber));
        Assert.Equal(48_000.00m, invoices.Sum(i => i.SetupInstalment));
        Assert.All(invoices.Skip(12), i => Assert.Null(i.SetupInstalmentNumber));
    }

    [Fact]
    public void Calculate_MonthBeforeServiceStarts_OnlyTheSetupInstalment()
    {
        var invoice = Invoice(2026, 5, Cases(5, new DateOnly(2026, 5, 20), TimeSpan.FromMinutes(10)));

        Assert.Equal((0, 0m, 4_000.00m, 4_000.00m), (invoice.BillingMonth, invoice.ServiceCharge, invoice.SetupInstalment, invoice.Total));
    }

    [Fact]
    public void Calculate_CaseOpenedLateOnLastDayInNewYork_BillsInThatLocalMonth()
    {
        var newYork = new DeskCalendar(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        // 31 July 23:30 EDT is 03:30Z on 1 August.
        var row = new CaseBillingRow(ProblemNumber.FromSequence(1_000_000), new DateTimeOffset(2026, 8, 1, 3, 30, 0, TimeSpan.Zero), 1, TimeSpan.FromMinutes(5));

        Assert.Equal(1, InvoiceCalculator.Calculate(s_terms, 2026, 7, [row], newYork).BillableCases);
        Assert.Equal(0, InvoiceCalculator.Calculate(s_terms, 2026, 8, [row], newYork).BillableCases);
    }

    [Fact]
    public void ToJson_Invoice_CarriesTotalsAndTheCaseVolumeData()
    {
        var invoice = Invoice(2026, 7, Cases(2, new DateOnly(2026, 7, 2), TimeSpan.FromMinutes(37)));

        using var json = JsonDocument.Parse(ReportWriter.ToJson(invoice));

        Assert.Equal(27_200.00m, json.RootElement.GetProperty("total").GetDecimal()); // $23,200 minimum + $4,000 set-up
        var lines = json.RootElement.GetProperty("caseVolume");
        Assert.Equal(2, lines.GetArrayLength());
        Assert.Equal(3, lines[0].GetProperty("billedCases").GetInt32());
    }

    [Fact]
    public void Calculate_MonthOutOfRange_InvalidArgument()
    {
        Assert.Equal(CaseErrorCode.InvalidArgument, Assert.Throws<CaseException>(() => Invoice(2026, 13, [])).Code);
    }
}
