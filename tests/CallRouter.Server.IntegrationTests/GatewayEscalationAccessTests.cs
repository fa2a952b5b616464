using CallRouter.Contracts.V1;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

/// <summary>
/// The SIP gateway's service account and EscalationService: it records the Mfr TS engineer's DTMF
/// acknowledgment (RecordResponse) and may do nothing else there — enforced by the server.
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
