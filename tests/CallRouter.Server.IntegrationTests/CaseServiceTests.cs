using System.Text;
using System.Text.Json;
using CallRouter.Contracts.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

/// <summary>CaseService over the real server: what each role may do, and clear refusals that change nothing.</summary>
public sealed class CaseServiceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task<CaseService.CaseServiceClient> As(string user) =>
        new(await fixture.LoginAsync(user, "demo-" + user));

    private async Task<string> NewCaseAsync(string callId, string account = "ACME-001")
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        RegisterCallResponse registered = await gateway.RegisterAsync(callId, account: account);
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Abandoned = new CallAbandoned() }, deadline: ServerFixture.Deadline());
        return registered.ProblemNumber;
    }

    private static Task<CaseDetail> Get(CaseService.CaseServiceClient client, string problemNumber) =>
        client.GetCaseAsync(new GetCaseRequest { ProblemNumber = problemNumber }, deadline: ServerFixture.Deadline()).ResponseAsync;

    [Fact]
    public async Task CaseService_WithoutToken_AnswersUnauthenticatedToEveryMethod()
    {
        var anonymous = new CaseService.CaseServiceClient(fixture.Channel);
        DateTime d = ServerFixture.Deadline();
        Func<Task>[] calls =
        [
            () => anonymous.ListCasesAsync(new ListCasesRequest(), deadline: d).ResponseAsync,
            () => anonymous.GetCaseAsync(new GetCaseRequest { ProblemNumber = "1000-0009" }, deadline: d).ResponseAsync,
            () => anonymous.AddNoteAsync(new AddCaseNoteRequest(), deadline: d).ResponseAsync,
            () => anonymous.HandBackAsync(new HandBackRequest(), deadline: d).ResponseAsync,
            () => anonymous.ImportEntitlementsAsync(new ImportEntitlementsRequest(), deadline: d).ResponseAsync,
            () => anonymous.GetReportAsync(new ReportRequest(), deadline: d).ResponseAsync,
            () => anonymous.GetInvoiceAsync(new InvoiceRequest(), deadline: d).ResponseAsync,
        ];

        foreach (Func<Task> call in calls)
        {
            Assert.Equal(StatusCode.Unauthenticated, await CaseCalls.StatusOf(call));
        }
    }

    [Fact]
    public async Task CaseService_AsGatewayAccount_IsPermissionDenied()
    {
        var gateway = new CaseService.CaseServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));

        StatusCode status = await CaseCalls.StatusOf(() => gateway.ListCasesAsync(new ListCasesRequest(), deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, status);
    }

    [Fact]
    public async Task ChangeState_InvalidTransition_IsFailedPreconditionAndChangesNothing()
    {
        var alice = await As("alice");
        string number = await NewCaseAsync("state-1");
        CaseDetail before = await Get(alice, number);

        StatusCode status = await CaseCalls.StatusOf(() => alice.ChangeStateAsync(
            new ChangeCaseStateRequest { ProblemNumber = number, State = CaseState.Closed }, deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, status);
        CaseDetail after = await Get(alice, number);
        Assert.Equal(before.Case.Version, after.Case.Version);
        Assert.Equal(before.History.Count, after.History.Count);
    }

    [Fact]
    public async Task ChangeState_AsAgent_MovesTheCaseAndAuditsWhoDidIt()
    {
        var carol = await As("carol");
        string number = await NewCaseAsync("state-2");

        Case changed = await carol.ChangeStateAsync(new ChangeCaseStateRequest { ProblemNumber = number, State = CaseState.InProgress, Reason = "reproducing" }, deadline: ServerFixture.Deadline());

        Assert.Equal(CaseState.InProgress, changed.State);
        Assert.Contains((await Get(carol, number)).History, h => h.Action == "StateChanged" && h.Actor == "carol" && h.Detail.Contains("reproducing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeSeverity_WithoutEndUserAgreement_IsInvalidArgumentAndChangesNothing()
    {
        var alice = await As("alice");
        string number = await NewCaseAsync("severity-1");

        StatusCode status = await CaseCalls.StatusOf(() => alice.ChangeSeverityAsync(
            new ChangeSeverityRequest { ProblemNumber = number, Severity = 1 }, deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, status);
        CaseDetail after = await Get(alice, number);
        Assert.Equal(2, after.Case.Severity);
        Assert.Single(after.SeverityHistory);
    }

    [Fact]
    public async Task ChangeSeverity_WithEndUserAgreement_RecordsWhoAgreedAndWhen()
    {
        var alice = await As("alice");
        string number = await NewCaseAsync("severity-2");
        Timestamp agreedAt = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1));

        Case changed = await alice.ChangeSeverityAsync(new ChangeSeverityRequest
        {
            ProblemNumber = number, Severity = 1, AgreedBy = "Pat Jones (end user)", AgreedAt = agreedAt, Channel = "phone with agent",
        }, deadline: ServerFixture.Deadline());

        Assert.Equal(1, changed.Severity);
        CaseSeverityChange latest = (await Get(alice, number)).SeverityHistory.Last();
        Assert.Equal((2, 1, "Pat Jones (end user)", "alice"), (latest.From, latest.To, latest.AgreedBy, latest.RecordedBy));
        Assert.Equal(agreedAt, latest.AgreedAt);
    }

    [Fact]
    public async Task GetCase_WithMalformedOrUnknownNumber_IsInvalidArgumentOrNotFound()
    {
        var supervisor = await As("supervisor");
        string unknown = CallRouter.Cases.Domain.ProblemNumber.FromSequence(9_999_998).ToString();

        Assert.Equal(StatusCode.InvalidArgument, await CaseCalls.StatusOf(() => Get(supervisor, "12-34")));
        Assert.Equal(StatusCode.NotFound, await CaseCalls.StatusOf(() => Get(supervisor, unknown)));
        Assert.Equal(StatusCode.NotFound, await CaseCalls.StatusOf(() => supervisor.AddNoteAsync(
            new AddCaseNoteRequest { ProblemNumber = unknown, Kind = CaseNoteKind.General, Text = "x" }, deadline: ServerFixture.Deadline()).ResponseAsync));
    }

    [Fact]
    public async Task Manufacturer_ReadsAndAddsStatusNotesButIsRefusedDeskActions()
    {
        var mfr = await As("mfr");
        string number = await NewCaseAsync("mfr-read-1");
        DateTime d = ServerFixture.Deadline();

        ListCasesResponse listed = await mfr.ListCasesAsync(new ListCasesRequest { Limit = 1000 }, deadline: d);
        Assert.Contains(listed.Cases, c => c.ProblemNumber == number);
        Assert.Single((await Get(mfr, number)).Calls);
        await mfr.AddNoteAsync(new AddCaseNoteRequest { ProblemNumber = number, Kind = CaseNoteKind.Status, Text = "known issue, patch due" }, deadline: d);
        await mfr.AddNoteAsync(new AddCaseNoteRequest { ProblemNumber = number, Kind = CaseNoteKind.CorrectiveAction, Text = "apply 4.2.1" }, deadline: d);
        CaseDetail afterNotes = await Get(mfr, number);

        Func<Task>[] deskOnly =
        [
            () => mfr.AddNoteAsync(new AddCaseNoteRequest { ProblemNumber = number, Kind = CaseNoteKind.General, Text = "x" }, deadline: d).ResponseAsync,
            () => mfr.ChangeStateAsync(new ChangeCaseStateRequest { ProblemNumber = number, State = CaseState.InProgress }, deadline: d).ResponseAsync,
            () => mfr.ChangeSeverityAsync(new ChangeSeverityRequest { ProblemNumber = number, Severity = 1, AgreedBy = "x", AgreedAt = Timestamp.FromDateTime(DateTime.UtcNow), Channel = "x" }, deadline: d).ResponseAsync,
            () => mfr.ListUpdatesDueAsync(new ListUpdatesDueRequest(), deadline: d).ResponseAsync,
            () => mfr.ImportEntitlementsAsync(new ImportEntitlementsRequest { Csv = ByteString.CopyFromUtf8("customer_account,name,service_level,expiry_date\nA,B,Gold,2030-01-01\n") }, deadline: d).ResponseAsync,
            () => mfr.ListEntitlementImportsAsync(new ListEntitlementImportsRequest(), deadline: d).ResponseAsync,
            () => mfr.GetReportAsync(new ReportRequest { Kind = ReportKind.Weekly, From = "2026-11-01", To = "2026-11-30" }, deadline: d).ResponseAsync,
            () => mfr.GetInvoiceAsync(new InvoiceRequest { Month = "2026-11" }, deadline: d).ResponseAsync,
        ];
        foreach (Func<Task> call in deskOnly)
        {
            Assert.Equal(StatusCode.PermissionDenied, await CaseCalls.StatusOf(call));
        }

        CaseDetail after = await Get(await As("supervisor"), number);
        Assert.Equal(afterNotes.Case.Version, after.Case.Version);
        Assert.Equal(CaseState.Open, after.Case.State);
        Assert.Equal(2, after.Notes.Count(n => n.Author == "mfr"));
    }

    [Fact]
    public async Task HandBack_ByManufacturerForClosure_ResolvesAnEscalatedCase()
    {
        var mfr = await As("mfr");
        var carol = await As("carol");
        string number = await NewCaseAsync("handback-1");
        DateTime d = ServerFixture.Deadline();

        // Not escalated yet: nothing to hand back.
        Assert.Equal(StatusCode.FailedPrecondition, await CaseCalls.StatusOf(() => mfr.HandBackAsync(
            new HandBackRequest { ProblemNumber = number, Reason = HandBackReason.ForClosure, Note = "fixed" }, deadline: d).ResponseAsync));
        await carol.ChangeStateAsync(new ChangeCaseStateRequest { ProblemNumber = number, State = CaseState.EscalatedToManufacturer }, deadline: d);
        Assert.Equal(StatusCode.PermissionDenied, await CaseCalls.StatusOf(() => carol.HandBackAsync(
            new HandBackRequest { ProblemNumber = number, Reason = HandBackReason.ForClosure, Note = "fixed" }, deadline: d).ResponseAsync));

        Case handedBack = await mfr.HandBackAsync(new HandBackRequest { ProblemNumber = number, Reason = HandBackReason.ForClosure, Note = "replaced the power supply" }, deadline: d);

        Assert.Equal(CaseState.Resolved, handedBack.State);
        Assert.NotNull(handedBack.FirstEscalatedAt);
        Assert.Contains((await Get(carol, number)).Notes, n => n.Kind == CaseNoteKind.HandBack && n.Author == "mfr");
    }

    [Fact]
    public async Task ImportEntitlements_WithBadRows_IsRejectedWithLineErrorsAndKeepsThePreviousList()
    {
        var supervisor = await As("supervisor");
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        DateTime d = ServerFixture.Deadline();
        EntitlementImport good = await supervisor.ImportEntitlementsAsync(new ImportEntitlementsRequest
        {
            SourceName = "good.csv",
            Csv = ByteString.CopyFrom("customer_account,name,service_level,expiry_date\r\nGOLD-7,Gold Corp,Premium,2099-12-31\r\n", Encoding.UTF8),
        }, deadline: d);

        EntitlementImport bad = await supervisor.ImportEntitlementsAsync(new ImportEntitlementsRequest
        {
            SourceName = "bad.csv",
            Csv = ByteString.CopyFrom("customer_account,name,service_level,expiry_date\r\nSILVER-1,Silver Inc,Basic,03/04/2026\r\n,No Account,Basic,2099-01-01\r\n", Encoding.UTF8),
        }, deadline: d);

        Assert.True(good.Accepted);
        Assert.False(bad.Accepted);
        Assert.Contains(bad.Errors, e => e.Line == 2 && e.Column.Contains("expiry", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(bad.Errors, e => e.Line == 3);
        ListEntitlementImportsResponse history = await supervisor.ListEntitlementImportsAsync(new ListEntitlementImportsRequest(), deadline: d);
        Assert.Contains(history.Imports, i => i.SourceName == "bad.csv" && !i.Accepted);
        Assert.Contains(history.Imports, i => i.SourceName == "good.csv" && i.Accepted);

        // The good list is still the active one: its customer is under contract at intake.
        RegisterCallResponse entitled = await gateway.RegisterAsync("entitled-1", account: "gold-7");
        Assert.False(entitled.NotUnderContract);
        Assert.Equal("ENTITLED", (await Get(supervisor, entitled.ProblemNumber)).Case.Entitlement);
    }

    [Fact]
    public async Task Reports_ForSupervisorAsCsvAndJson_ButNotForAgents()
    {
        var supervisor = await As("supervisor");
        var alice = await As("alice");
        await NewCaseAsync("report-1");
        DateTime d = ServerFixture.Deadline();
        string today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        ReportResponse weekly = await supervisor.GetReportAsync(new ReportRequest { Kind = ReportKind.Weekly, From = "2026-01-01", To = today, Format = ReportFormat.Csv }, deadline: d);
        ReportResponse monthly = await supervisor.GetReportAsync(new ReportRequest { Kind = ReportKind.Monthly, From = "2026-01-01", To = today }, deadline: d);
        ReportResponse levels = await supervisor.GetReportAsync(new ReportRequest { Kind = ReportKind.ServiceLevel, Format = ReportFormat.Csv }, deadline: d);

        Assert.Equal("text/csv", weekly.ContentType);
        Assert.StartsWith("from,to,calls_received,calls_abandoned", weekly.Content, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(monthly.Content);
        Assert.True(json.RootElement.GetProperty("total").GetProperty("casesOpened").GetInt32() >= 1);
        Assert.StartsWith("objective,description,target,actual,met", levels.Content, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, await CaseCalls.StatusOf(() => supervisor.GetReportAsync(
            new ReportRequest { Kind = ReportKind.Weekly, From = "03/04/2026", To = today }, deadline: d).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CaseCalls.StatusOf(() => alice.GetReportAsync(
            new ReportRequest { Kind = ReportKind.Weekly, From = "2026-01-01", To = today }, deadline: d).ResponseAsync));
    }

    [Fact]
    public async Task GetInvoice_ForAMonthAfterImplementation_ChargesTheMinimumAndTheSetUpInstalment()
    {
        var admin = await As("admin");

        // Configured: SOW effective 2026-01-01, implementation ends 2026-03-01, so November 2026 is
        // billing month 9 (minimum 1,200 cases = $34,800) and set-up instalment 11 of 12 ($4,000).
        InvoiceResponse invoice = await admin.GetInvoiceAsync(new InvoiceRequest { Month = "2026-11" }, deadline: ServerFixture.Deadline());

        using JsonDocument json = JsonDocument.Parse(invoice.Json);
        Assert.Equal(9, json.RootElement.GetProperty("billingMonth").GetInt32());
        Assert.Equal(34_800m, json.RootElement.GetProperty("minimumCharge").GetDecimal());
        Assert.Equal(4_000m, json.RootElement.GetProperty("setupInstalment").GetDecimal());
        Assert.Equal(StatusCode.InvalidArgument, await CaseCalls.StatusOf(() => admin.GetInvoiceAsync(new InvoiceRequest { Month = "11/2026" }, deadline: ServerFixture.Deadline()).ResponseAsync));
    }
}
