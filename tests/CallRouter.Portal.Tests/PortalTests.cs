using CallRouter.Contracts.V1;
using Microsoft.Playwright;

namespace CallRouter.Portal.Tests;

/// <summary>The manufacturer TS portal in headless Chromium against the real server (SPEC R9).</summary>
public sealed class PortalTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(15);

    private async Task<string> EscalatedCaseAsync(string callId)
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway"));
        var desk = new CaseService.CaseServiceClient(await fixture.LoginAsync("carol"));
        RegisterCallResponse registered = await gateway.RegisterCallAsync(new RegisterCallRequest
        {
            Context = new CallContext { CallId = callId, MachineModel = "NS10", Severity = 2, CustomerAccount = "PORTAL-1", SerialNumber = "SN-P1" },
        }, deadline: Deadline());
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Abandoned = new CallAbandoned() }, deadline: Deadline());
        await desk.ChangeStateAsync(new ChangeCaseStateRequest { ProblemNumber = registered.ProblemNumber, State = CaseState.EscalatedToManufacturer }, deadline: Deadline());
        return registered.ProblemNumber;
    }

    private async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync(fixture.PortalUrl + "/cases");
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }

    [Fact]
    public async Task Portal_ManufacturerSignsInOpensCaseAddsNoteAndHandsBack_CaseIsResolved()
    {
        string number = await EscalatedCaseAsync("portal-1");
        IPage page = await fixture.NewPageAsync();

        await SignInAsync(page, "mfr", "demo-mfr");
        await page.ClickAsync($"a.case-link:has-text('{number}')");
        string stateBefore = await page.InnerTextAsync("#case-state");
        Assert.Contains("portal-1", await page.InnerTextAsync("#calls"), StringComparison.Ordinal);

        await page.SelectOptionAsync("#kind", "CorrectiveAction");
        await page.FillAsync("#text", "Replace the fan module <b>now</b>");
        await page.ClickAsync("#add-note");
        await page.WaitForSelectorAsync(".note-text:has-text('Replace the fan module')");

        await page.SelectOptionAsync("#reason", "ForClosure");
        await page.FillAsync("#handback-note", "fan replaced on site");
        await page.ClickAsync("#hand-back");
        await page.WaitForSelectorAsync("#case-state:has-text('Resolved')");

        Assert.Equal("EscalatedToManufacturer", stateBefore);
        // Markup typed into a note is shown as text, never interpreted.
        Assert.Equal(0, await page.Locator(".note-text b").CountAsync());
        var desk = new CaseService.CaseServiceClient(await fixture.LoginAsync("supervisor"));
        CaseDetail detail = await desk.GetCaseAsync(new GetCaseRequest { ProblemNumber = number }, deadline: Deadline());
        Assert.Equal(CaseState.Resolved, detail.Case.State);
        Assert.Contains(detail.Notes, n => n.Kind == CaseNoteKind.CorrectiveAction && n.Author == "mfr");
        Assert.Contains(detail.Notes, n => n.Kind == CaseNoteKind.HandBack && n.Text == "fan replaced on site");
    }

    [Fact]
    public async Task Portal_WrongPasswordOrDeskAccount_IsRefusedAtSignIn()
    {
        IPage page = await fixture.NewPageAsync();

        await SignInAsync(page, "mfr", "not-the-password");
        string wrong = await page.InnerTextAsync("#error");
        await SignInAsync(page, "supervisor", "demo-supervisor");
        string desk = await page.InnerTextAsync("#error");

        Assert.Contains("Wrong user name or password", wrong, StringComparison.Ordinal);
        Assert.Contains("for manufacturer technical support", desk, StringComparison.Ordinal);
        Assert.EndsWith("/portal/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_WithoutSignIn_ShowsNoCaseData()
    {
        string number = await EscalatedCaseAsync("portal-2");
        IPage page = await fixture.NewPageAsync();

        IResponse? response = await page.GotoAsync($"{fixture.PortalUrl}/cases/{number.Replace("-", "", StringComparison.Ordinal)}");

        Assert.NotNull(response);
        Assert.EndsWith("/portal/login", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(number, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_NotePostedWithoutTheSessionsFormToken_IsRefusedAndChangesNothing()
    {
        string number = await EscalatedCaseAsync("portal-3");
        IPage page = await fixture.NewPageAsync();
        await SignInAsync(page, "mfr", "demo-mfr");
        await page.WaitForSelectorAsync("#cases");

        // A forged post carries the cookies (same browser) but not the page's hidden token.
        IAPIResponse forged = await page.Context.APIRequest.PostAsync($"{fixture.PortalUrl}/cases/{number.Replace("-", "", StringComparison.Ordinal)}/notes",
            new APIRequestContextOptions { Form = page.Context.APIRequest.CreateFormData().Set("kind", "Status").Set("text", "forged") , MaxRedirects = 0 });

        Assert.Equal(400, forged.Status);
        var desk = new CaseService.CaseServiceClient(await fixture.LoginAsync("supervisor"));
        CaseDetail detail = await desk.GetCaseAsync(new GetCaseRequest { ProblemNumber = number }, deadline: Deadline());
        Assert.DoesNotContain(detail.Notes, n => n.Text == "forged");
    }
}
