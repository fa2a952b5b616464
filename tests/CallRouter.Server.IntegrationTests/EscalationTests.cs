using CallRouter.Contracts.V1;
using CallRouter.Testing;
using Grpc.Core;

namespace CallRouter.Server.IntegrationTests;

/// <summary>Escalation to Mfr TS through the real server, kept in step with the case (SPEC R10).</summary>
public sealed class EscalationTests(EscalationFixture fixture) : IClassFixture<EscalationFixture>
{
    private async Task<string> NewCaseAsync(string callId)
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway"));
        RegisterCallResponse registered = await gateway.RegisterAsync(callId, model: "NS10");
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = callId, Abandoned = new CallAbandoned() }, deadline: ServerFixture.Deadline());
        return registered.ProblemNumber;
    }

    [Fact]
    public async Task Escalate_InBusinessHours_PhonesMfrTsEscalatesTheCaseAndRecordsEventsOnIt()
    {
        var supervisor = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("supervisor"));
        var cases = new CaseService.CaseServiceClient(await fixture.LoginAsync("supervisor"));
        string number = await NewCaseAsync("esc-1");

        Escalation started = await supervisor.EscalateAsync(new EscalateRequest { ProblemNumber = number, Summary = "NS10 reboots every hour" }, deadline: ServerFixture.Deadline());

        Assert.Equal("MANUFACTURER_PHONE", started.Path);
        Assert.Equal("AwaitingResponse", started.State);
        Assert.Equal(["Mfr TS", "On-call engineer", "TS manager"], started.Contacts.Select(c => c.Name).ToArray());
        Assert.NotNull(started.ResponseDueAt);
        // The scheduler forwards the escalation's events to the case history; this server's gateway
        // has no Mfr TS destination configured, so the call is refused before any INVITE, which is
        // recorded as a failed contact.
        CaseDetail detail = await cases.WaitForCaseAsync(number, d =>
            d.History.Any(h => h.Action == "EscalationStarted") && d.History.Any(h => h.Action == "EscalationContactFailed"));
        Assert.Equal(CaseState.EscalatedToManufacturer, detail.Case.State);
        Assert.NotNull(detail.Case.FirstEscalatedAt);
    }

    [Fact]
    public async Task RecordResponseThenHandBack_EndsTheEscalationAndReturnsTheCaseToTheDesk()
    {
        var carol = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("carol"));
        var cases = new CaseService.CaseServiceClient(await fixture.LoginAsync("supervisor"));
        string number = await NewCaseAsync("esc-2");
        Escalation started = await carol.EscalateAsync(new EscalateRequest { ProblemNumber = number, Summary = "VPN tunnel drops" }, deadline: ServerFixture.Deadline());

        Escalation responded = await carol.RecordResponseAsync(new RecordEscalationResponseRequest { EscalationId = started.Id, Responder = "Dana Smith", Via = "phone" }, deadline: ServerFixture.Deadline());
        Escalation ended = await carol.HandBackAsync(new EscalationHandBackRequest { EscalationId = started.Id, Reason = "config fix given to end user" }, deadline: ServerFixture.Deadline());

        Assert.Equal(("Responded", "Dana Smith"), (responded.State, responded.Responder));
        Assert.Equal("HandedBack", ended.State);
        Assert.Contains(ended.History, h => h.Kind == "Responded" && h.ResponseTime is not null);
        CaseDetail detail = await cases.WaitForCaseAsync(number, d => d.History.Any(h => h.Action == "EscalationHandedBack"));
        Assert.Equal(CaseState.InProgress, detail.Case.State);
        Assert.Contains(detail.History, h => h.Action == "EscalationResponded");
    }

    [Fact]
    public async Task CaseHandBack_ByManufacturerUser_EndsTheOpenEscalation()
    {
        var supervisor = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("supervisor"));
        var mfr = new CaseService.CaseServiceClient(await fixture.LoginAsync("mfr"));
        string number = await NewCaseAsync("esc-5");
        Escalation started = await supervisor.EscalateAsync(new EscalateRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline());

        Case handedBack = await mfr.HandBackAsync(new HandBackRequest { ProblemNumber = number, Reason = HandBackReason.ForFurtherWork, Note = "need logs from the end user" }, deadline: ServerFixture.Deadline());

        Assert.Equal(CaseState.InProgress, handedBack.State);
        Escalation after = (await supervisor.ListEscalationsAsync(new ListEscalationsRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline())).Escalations.Single();
        Assert.Equal((started.Id, "HandedBack"), (after.Id, after.State));
    }

    [Fact]
    public async Task Escalate_TwiceOrUnknownCase_IsRefusedAndChangesNothing()
    {
        var supervisor = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("supervisor"));
        string number = await NewCaseAsync("esc-3");
        await supervisor.EscalateAsync(new EscalateRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline());
        string unknown = CallRouter.Cases.Domain.ProblemNumber.FromSequence(9_999_997).ToString();

        Assert.Equal(StatusCode.FailedPrecondition, await CaseCalls.StatusOf(() => supervisor.EscalateAsync(new EscalateRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline()).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await CaseCalls.StatusOf(() => supervisor.EscalateAsync(new EscalateRequest { ProblemNumber = unknown }, deadline: ServerFixture.Deadline()).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await CaseCalls.StatusOf(() => supervisor.EscalateAsync(new EscalateRequest { ProblemNumber = "1234" }, deadline: ServerFixture.Deadline()).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await CaseCalls.StatusOf(() => supervisor.GetStatusAsync(new GetEscalationStatusRequest { EscalationId = "nope-E1" }, deadline: ServerFixture.Deadline()).ResponseAsync));
        ListEscalationsResponse listed = await supervisor.ListEscalationsAsync(new ListEscalationsRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline());
        Assert.Single(listed.Escalations);
    }

    [Fact]
    public async Task EscalationService_ForL1AgentManufacturerOrAnonymous_IsRefused()
    {
        string number = await NewCaseAsync("esc-4");
        var request = new EscalateRequest { ProblemNumber = number };

        foreach (string user in new[] { "alice", "mfr", "gateway" })
        {
            var client = new EscalationService.EscalationServiceClient(await fixture.LoginAsync(user));
            Assert.Equal(StatusCode.PermissionDenied, await CaseCalls.StatusOf(() => client.EscalateAsync(request, deadline: ServerFixture.Deadline()).ResponseAsync));
        }

        var anonymous = new EscalationService.EscalationServiceClient(fixture.Channel);
        Assert.Equal(StatusCode.Unauthenticated, await CaseCalls.StatusOf(() => anonymous.EscalateAsync(request, deadline: ServerFixture.Deadline()).ResponseAsync));
        var supervisor = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("supervisor"));
        Assert.Empty((await supervisor.ListEscalationsAsync(new ListEscalationsRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline())).Escalations);
    }

    [Fact]
    public async Task WrapUp_WithEscalateToManufacturer_StartsAnEscalationForTheCallsCase()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway"));
        var agents = new AgentService.AgentServiceClient(await fixture.LoginAsync("bob"));
        var supervisor = new EscalationService.EscalationServiceClient(await fixture.LoginAsync("supervisor"));
        RegisterCallResponse registered = await gateway.RegisterAsync("esc-wrap-1", model: "NS100");

        using var session = agents.Session(deadline: ServerFixture.Deadline(60));
        await session.RequestStream.WriteAsync(new AgentCommand { Login = new SessionLogin { Available = true } });
        await session.ResponseStream.ReadUntilAsync(e => e.Offer?.CallId == "esc-wrap-1");
        await session.RequestStream.WriteAsync(new AgentCommand { Accept = new AcceptOffer { CallId = "esc-wrap-1" } });
        await session.ResponseStream.ReadUntilAsync(e => e.EventCase == AgentEvent.EventOneofCase.CallStarted);
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = "esc-wrap-1", Ended = new CallEnded { EndedBy = "agent" } }, deadline: ServerFixture.Deadline());
        await session.ResponseStream.ReadUntilAsync(e => e.StateChanged?.State == AgentState.WrapUp);
        await session.RequestStream.WriteAsync(new AgentCommand { WrapUp = new WrapUp { CallId = "esc-wrap-1", Disposition = Disposition.EscalateToManufacturer, Notes = "needs L3: kernel panic" } });
        await session.ResponseStream.ReadUntilAsync(e => e.StateChanged?.State == AgentState.Available);

        Escalation escalation = await WaitForEscalationAsync(supervisor, registered.ProblemNumber);
        Assert.Equal("AwaitingResponse", escalation.State);
        await session.RequestStream.WriteAsync(new AgentCommand { Logout = new Logout() });
        await session.RequestStream.CompleteAsync();
    }

    private static async Task<Escalation> WaitForEscalationAsync(EscalationService.EscalationServiceClient client, string number)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            ListEscalationsResponse listed = await client.ListEscalationsAsync(new ListEscalationsRequest { ProblemNumber = number }, deadline: ServerFixture.Deadline());
            if (listed.Escalations.Count > 0)
            {
                return listed.Escalations[0];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no escalation for case {number}");
    }
}
