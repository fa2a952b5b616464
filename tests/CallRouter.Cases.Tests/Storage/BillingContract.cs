using CallRouter.Cases.Billing;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Tests.Infrastructure;

namespace CallRouter.Cases.Tests.Storage;

/// <summary>Invoices from a real store's calls; run once per store kind.</summary>
public abstract class BillingContract : StoreTestBase
{
    [Fact]
    public async Task Invoice_FromStore_ExcludesManufacturerTalkAndBillsIncrements()
    {
        var terms = BillingTerms.FromContract("NetScreen", new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1));
        var opened = await OpenAsync();
        var t = TestClock.Start;
        Clock.Advance(TimeSpan.FromHours(3));
        // 20 + 17 = 37 minutes with the end user (3 cases); 50 minutes with the manufacturer (free).
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "u1", ProblemNumber = opened.ProblemNumber, StartedAt = t, AnsweredAt = t, EndedAt = t.AddMinutes(20) });
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "u2", ProblemNumber = opened.ProblemNumber, StartedAt = t.AddMinutes(30), AnsweredAt = t.AddMinutes(30), EndedAt = t.AddMinutes(47) });
        await Cases.AttachCallAsync(Agent, opened.ProblemNumber, new CallRecord { CallId = "m1", ProblemNumber = opened.ProblemNumber, StartedAt = t.AddMinutes(60), AnsweredAt = t.AddMinutes(60), EndedAt = t.AddMinutes(110), FromManufacturer = true });

        var invoice = await new BillingService(Store).InvoiceAsync(Supervisor, terms, 2026, 3);

        var line = Assert.Single(invoice.CaseVolume);
        Assert.Equal((opened.ProblemNumber.ToString(), 2, 37.00m, 3), (line.ProblemNumber, line.AnsweredBillableCalls, line.BillableTalkMinutes, line.BilledCases));
        Assert.Equal((1, 400, 11_600.00m, 4_000.00m), (invoice.BillingMonth, invoice.MinimumCases, invoice.ServiceCharge, invoice.SetupInstalment));
    }

    [Fact]
    public async Task Invoice_AgentOrManufacturer_PermissionDenied()
    {
        var terms = BillingTerms.FromContract("NetScreen", new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1));

        await ThrowsCase(CaseErrorCode.PermissionDenied, () => new BillingService(Store).InvoiceAsync(Agent, terms, 2026, 3));
        await ThrowsCase(CaseErrorCode.PermissionDenied, () => new BillingService(Store).InvoiceAsync(MfrTs, terms, 2026, 3));
    }
}
