using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CallRouter.Contracts.V1;
using CallRouter.Escalation.Tests;

namespace CallRouter.Escalation.EndToEndTests;

/// <summary>
/// The PTAS pushes "cannot reach Mfr TS" to the desk's HTTP endpoint before the 30-minute window
/// ends, and the desk moves on at once: told, closure deferred, next contact paged. The status
/// poll is set to once a simulated day so only the push can be what moved it.
/// </summary>
public sealed class PtasUnreachableEndToEndTests
{
    private const string Token = "e2e-ptas-token";
    private static readonly TimeSpan RealBound = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task PtasPushesUnreachableTenMinutesIn_DeskMovesOnAtOnceAndStrayNoticesChangeNothing()
    {
        var clock = new SharedClock(60);
        int snppPort = LoopbackPorts.Free();
        var settings = EscalationDesk.OutOfHoursSettings(clock, snppPort);
        settings["CallRouter__Escalation__StatusPollInterval"] = "1.00:00:00"; // a simulated day: 24 real minutes
        settings["CallRouter__Escalation__PtasNotices__Token"] = Token;
        await using var desk = await EscalationDesk.StartAsync(settings);
        await using var ptas = await PtasSimulatorProcess.StartAsync([.. clock.SimulatorArguments(), "--port", $"{snppPort}", "--give-up-after", "10",
            "--notify-url", desk.NoticeUrl, "--notify-token", Token, "--engineer", "* never"]);
        string number = await desk.NewCaseAsync("oohrs-unreachable");
        var escalations = new EscalationService.EscalationServiceClient(await desk.LoginAsync("supervisor"));

        await escalations.EscalateAsync(new EscalateRequest { ProblemNumber = number, Summary = "NS100 will not boot" }, deadline: EscalationDesk.Deadline());
        var delivered = await desk.WaitForEscalationAsync(number, e => e.History.Any(h => h.Kind == "ContactDelivered"), RealBound);
        var deliveredAt = delivered.History.Single(h => h.Kind == "ContactDelivered").At.ToDateTimeOffset();
        var due = delivered.ResponseDueAt.ToDateTimeOffset();

        // Stray notices while the page is out: refused, and the escalation is untouched.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using (var garbled = await PostAsync(http, desk.NoticeUrl, "{\"tag\":", Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        }

        using (var stray = await PostAsync(http, desk.NoticeUrl, """{"tag":"999999","status":"UNREACHABLE"}""", Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, stray.StatusCode);
        }

        var untouched = await desk.WaitForEscalationAsync(number, _ => true, RealBound);
        Assert.Equal((0, "AwaitingResponse", false), (untouched.ContactIndex, untouched.State, untouched.ClosureDeferred));

        // Ten simulated minutes after the page the PTAS gives up and pushes; the desk acts on it.
        var posted = await ptas.WaitForLineAsync("NOTIFY POST", RealBound);
        Assert.Contains(" -> 200 ", posted, StringComparison.Ordinal);
        await ptas.WaitForLineAsync("pager=8887900 caller=+18005550199", RealBound);
        var movedOn = await desk.WaitForEscalationAsync(number, e => e.History.Count(h => h.Kind == "ContactDelivered") == 2, RealBound);
        var unreachable = Assert.Single(movedOn.History, h => h.Kind == "Unreachable");
        Assert.InRange(unreachable.At.ToDateTimeOffset(), deliveredAt.AddMinutes(10), deliveredAt.AddMinutes(10) + Tolerance);
        Assert.True(unreachable.At.ToDateTimeOffset() < due, "the push should move the desk on before the 30-minute window ends");
        Assert.Contains("PTAS notice", unreachable.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(movedOn.History, h => h.Kind == "NoResponse");
        Assert.Single(movedOn.History, h => h.Kind == "DeskNotified");
        Assert.Equal((1, true), (movedOn.ContactIndex, movedOn.ClosureDeferred));
        var detail = await desk.WaitForCaseAsync(number, d => d.History.Any(h => h.Action == "EscalationUnreachable"), RealBound);
        Assert.Equal(CaseState.ClosureDeferred, detail.Case.State);
    }

    internal static Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http.SendAsync(request);
    }
}
