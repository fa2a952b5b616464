using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

/// <summary>
/// The SIP gateway's service account and EscalationService: it records the Mfr TS engineer's DTMF
/// acknowledgment (RecordResponse) and reports how its call ended (ReportCallOutcome), and may do
/// nothing else there — enforced by the server; the desk may not report call outcomes.
/// </summary>
public sealed class GatewayEscalationAccessTests(EscalationFixture fixture) : IClassFixture<EscalationFixture>
{
    [Fact]
    public async Task GatewayAccount_RecordResponse_IsAllowedAndRecordedAsTheEngineersAnswer()
    {
        var routing = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway"));
        RegisterCallResponse registered = await routing.RegisterAsync("gw-esc-1");
        await routing.ReportCallEventAsync(new CallEventRequest { CallId = "gw-esc-1", Abandoned = new CallAbandoned() }, deadline: ServerFixture.Deadline());
        var supervisor = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("supervisor"));
        Escalation started = await supervisor.EscalateAsync(new EscalateRequest { ProblemNumber = registered.ProblemNumber }, deadline: ServerFixture.Deadline());
        var gateway = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("gateway"));

        Escalation responded = await gateway.RecordResponseAsync(new RecordEscalationResponseRequest
        {
            EscalationId = started.Id, Responder = "Mfr TS engineer (+18005550100)", Via = "DTMF",
        }, deadline: ServerFixture.Deadline());

        Assert.Equal(("Responded", "Mfr TS engineer (+18005550100)"), (responded.State, responded.Responder));
        Assert.Contains(responded.History, h => h.Kind == "Responded" && h.ResponseTime is not null);
    }

    [Fact]
    public async Task GatewayAccount_ReportCallOutcome_IsAllowedAndAReportForACallNotAwaitedChangesNothing()
    {
        var routing = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway"));
        RegisterCallResponse registered = await routing.RegisterAsync("gw-esc-2");
        await routing.ReportCallEventAsync(new CallEventRequest { CallId = "gw-esc-2", Abandoned = new CallAbandoned() }, deadline: ServerFixture.Deadline());
        var supervisor = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("supervisor"));
        Escalation started = await supervisor.EscalateAsync(new EscalateRequest { ProblemNumber = registered.ProblemNumber }, deadline: ServerFixture.Deadline());
        var gateway = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("gateway"));

        Escalation after = await gateway.ReportCallOutcomeAsync(new ReportCallOutcomeRequest
        {
            EscalationId = started.Id, CallToken = "0-never-handed-out", CallReference = "abc@127.0.0.1", Answered = false, Reason = "busy (486) from the access test",
        }, deadline: ServerFixture.Deadline());

        Assert.Equal((started.Id, "AwaitingResponse", 0), (after.Id, after.State, after.ContactIndex));
        Assert.DoesNotContain(after.History, h => h.Detail.Contains("from the access test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeskAccount_ReportCallOutcome_IsPermissionDenied()
    {
        var supervisor = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("supervisor"));

        StatusCode refused = await CaseCalls.StatusOf(() => supervisor.ReportCallOutcomeAsync(new ReportCallOutcomeRequest
        {
            EscalationId = "1000-0001-E1", CallToken = "0-x", CallReference = "x", Answered = true,
        }, deadline: ServerFixture.Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused);
    }

    [Fact]
    public async Task GatewayAccount_EveryOtherEscalationCall_IsPermissionDenied()
    {
        var gateway = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("gateway"));
        const string number = "1000-0001";
        const string id = "1000-0001-E1";

        var refused = new[]
        {
            await CaseCalls.StatusOf(() => gateway.EscalateAsync(new EscalateRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline()).ResponseAsync),
            await CaseCalls.StatusOf(() => gateway.GetStatusAsync(new GetEscalationStatusRequest { EscalationId = id }, deadline: ServerFixture.Deadline()).ResponseAsync),
            await CaseCalls.StatusOf(() => gateway.HandBackAsync(new EscalationHandBackRequest { EscalationId = id, Reason = "x" }, deadline: ServerFixture.Deadline()).ResponseAsync),
            await CaseCalls.StatusOf(() => gateway.CancelAsync(new CancelEscalationRequest { EscalationId = id, Reason = "x" }, deadline: ServerFixture.Deadline()).ResponseAsync),
            await CaseCalls.StatusOf(() => gateway.ListEscalationsAsync(new ListEscalationsRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline()).ResponseAsync),
        };

        Assert.All(refused, status => Assert.Equal(StatusCode.PermissionDenied, status));
    }
}
