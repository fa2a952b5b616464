namespace CallRouter.Server.IntegrationTests;

/// <summary>The CLI's case commands as thin clients of the real server.</summary>
public sealed class CliCaseCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("callrouter-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EntitlementImport_OfAFileWithABadDate_ExitsOneAndPrintsTheLineAndColumn()
    {
        string file = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(file, "customer_account,name,service_level,expiry_date\nACME-9,Acme,Gold,31/12/2030\n");

        CliProcess.Result result = await CliProcess.RunAsync(fixture.Server, "entitlement", "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rejected", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 2, expiry_date", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntitlementImport_OfAGoodFile_IsAcceptedAndListedInTheHistory()
    {
        string file = Path.Combine(_folder, "good.csv");
        await File.WriteAllTextAsync(file, "customer_account,name,service_level,expiry_date\nACME-1,Acme,Gold,2030-12-31\nBETA-2,Beta,Silver,2029-06-30\n");

        CliProcess.Result imported = await CliProcess.RunAsync(fixture.Server, "entitlement", "import", file);
        CliProcess.Result history = await CliProcess.RunAsync(fixture.Server, "entitlement", "history");

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("accepted: 2 customers", imported.Output, StringComparison.Ordinal);
        Assert.Contains("good.csv", history.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasesList_AfterACall_ShowsItsCase()
    {
        var gateway = new Contracts.V1.RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        string number = (await gateway.RegisterAsync("cli-case-1", account: "CLI-ACCOUNT")).ProblemNumber;

        CliProcess.Result listed = await CliProcess.RunAsync(fixture.Server, "cases", "list", "--account", "CLI-ACCOUNT");
        CliProcess.Result shown = await CliProcess.RunAsync(fixture.Server, "cases", "show", number);

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(number, listed.Output, StringComparison.Ordinal);
        Assert.Contains("CaseOpened", shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAndInvoice_AsSupervisor_PrintCsvAndJson()
    {
        CliProcess.Result weekly = await CliProcess.RunAsync(fixture.Server, "report", "weekly", "--from", "2026-11-01", "--to", "2026-11-30", "--csv");
        CliProcess.Result invoice = await CliProcess.RunAsync(fixture.Server, "invoice", "--month", "2026-11");
        CliProcess.Result refused = await CliProcess.RunAsync(fixture.Server, "report", "monthly", "--from", "2026-11-01", "--to", "2026-11-30", "--user", "alice", "--password", "demo-alice");

        Assert.Equal(0, weekly.ExitCode);
        Assert.StartsWith("from,to,calls_received", weekly.Output, StringComparison.Ordinal);
        Assert.Equal(0, invoice.ExitCode);
        Assert.Contains("\"billingMonth\": 9", invoice.Output, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("PermissionDenied", refused.Error, StringComparison.Ordinal);
    }
}
