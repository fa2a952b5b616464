using System.Text.RegularExpressions;
using CallRouter.Contracts.V1;
using CallRouter.Testing;
using Grpc.Core;
using ProblemNumber = CallRouter.Cases.Domain.ProblemNumber;

namespace CallRouter.Server.IntegrationTests;

/// <summary>Every call belongs to a case (SPEC R5, R7, R8, R11), through the real server process.</summary>
public sealed partial class CallCaseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [GeneratedRegex(@"^\d{4}-\d{4}$")]
    private static partial Regex ProblemNumberShape();

    [Fact]
    public async Task RegisterCall_WithoutProblemNumber_OpensAFlaggedCaseAndReturnsItsNumber()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        var cases = new CaseService.CaseServiceClient(await fixture.LoginAsync("supervisor", "demo-supervisor"));

        RegisterCallResponse registered = await gateway.RegisterAsync("open-1", account: "NOBODY-1");

        Assert.Matches(ProblemNumberShape(), registered.ProblemNumber);
        Assert.True(registered.NotUnderContract);
        CaseDetail detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = registered.ProblemNumber }, deadline: ServerFixture.Deadline());
        Assert.Equal(CaseState.Open, detail.Case.State);
        Assert.Equal("NOBODY-1", detail.Case.CustomerAccount);
        Assert.Equal("UNKNOWN", detail.Case.Entitlement);
        Assert.Equal("open-1", Assert.Single(detail.Calls).CallId);
        Assert.Contains(detail.History, h => h.Action == "NotUnderContract");
        Assert.Equal("IVR confirmation", Assert.Single(detail.SeverityHistory).Channel);
    }

    [Fact]
    public async Task Call_OfferedAnsweredEndedAndWrappedUpResolved_IsLoggedOnItsCaseAndResolvesIt()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        var cases = new CaseService.CaseServiceClient(await fixture.LoginAsync("supervisor", "demo-supervisor"));
        var agents = new AgentService.AgentServiceClient(await fixture.LoginAsync("bob", "demo-bob"));
        RegisterCallResponse registered = await gateway.RegisterAsync("flow-case-1");

        using var session = agents.Session(deadline: ServerFixture.Deadline(60));
        await session.RequestStream.WriteAsync(new AgentCommand { Login = new SessionLogin { Available = true } });
        AgentEvent offer = await session.ResponseStream.ReadUntilAsync(e => e.Offer?.CallId == "flow-case-1");

        // The offer carries the case as the store has it.
        Assert.Equal(registered.ProblemNumber, offer.Offer.Case.ProblemNumber);
        Assert.Equal("Open", offer.Offer.Case.State);
        Assert.False(offer.Offer.Case.Entitled);
        Assert.Contains("NOT UNDER CONTRACT", offer.Offer.Case.EntitlementNote, StringComparison.Ordinal);
        Assert.Contains(offer.Offer.Case.History, h => h.Contains("CaseOpened", StringComparison.Ordinal));

        await session.RequestStream.WriteAsync(new AgentCommand { Accept = new AcceptOffer { CallId = "flow-case-1" } });
        await session.ResponseStream.ReadUntilAsync(e => e.EventCase == AgentEvent.EventOneofCase.CallStarted);
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = "flow-case-1", Answered = new CallAnswered { AgentId = "bob" } }, deadline: ServerFixture.Deadline());
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = "flow-case-1", Ended = new CallEnded { EndedBy = "caller" } }, deadline: ServerFixture.Deadline());

        // The gateway's acknowledgement of the end means the case has logged the call.
        CaseDetail logged = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = registered.ProblemNumber }, deadline: ServerFixture.Deadline());
        CaseCall call = Assert.Single(logged.Calls);
        Assert.NotNull(call.LoggedAt);
        Assert.NotNull(call.AnsweredAt);
        Assert.NotNull(call.Talk);
        Assert.Equal("bob", call.AgentId);
        Assert.True(call.Billable);
        Assert.False(call.Abandoned);
        Assert.Contains(logged.Notes, n => n.Kind == CaseNoteKind.CallLog);

        await session.ResponseStream.ReadUntilAsync(e => e.StateChanged?.State == AgentState.WrapUp);
        await session.RequestStream.WriteAsync(new AgentCommand { WrapUp = new WrapUp { CallId = "flow-case-1", Disposition = Disposition.Resolved, Notes = "firmware 4.2 fixes it" } });

        CaseDetail resolved = await cases.WaitForCaseAsync(registered.ProblemNumber, d => d.Case.State == CaseState.Resolved);
        Assert.Contains(resolved.Notes, n => n.Kind == CaseNoteKind.General && n.Text == "firmware 4.2 fixes it" && n.Author == "bob");
        Assert.Contains(resolved.History, h => h.Action == "StateChanged" && h.Actor == "bob");

        await session.RequestStream.WriteAsync(new AgentCommand { Logout = new Logout() });
        await session.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task RegisterCall_WithExistingProblemNumber_AttachesTheCallToThatCase()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        var cases = new CaseService.CaseServiceClient(await fixture.LoginAsync("supervisor", "demo-supervisor"));
        RegisterCallResponse first = await gateway.RegisterAsync("attach-1", model: "NS-5");
        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = "attach-1", Abandoned = new CallAbandoned() }, deadline: ServerFixture.Deadline());

        // Callers key the number without the hyphen.
        RegisterCallResponse second = await gateway.RegisterAsync("attach-2", model: "NS-5", problemNumber: first.ProblemNumber.Replace("-", "", StringComparison.Ordinal));

        Assert.Equal(first.ProblemNumber, second.ProblemNumber);
        CaseDetail detail = await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = first.ProblemNumber }, deadline: ServerFixture.Deadline());
        Assert.Equal(["attach-1", "attach-2"], detail.Calls.Select(c => c.CallId).Order().ToArray());
        Assert.True(detail.Calls.Single(c => c.CallId == "attach-1").Abandoned);
    }

    [Fact]
    public async Task RegisterCall_WithMistypedProblemNumber_IsInvalidArgumentAndQueuesNothing()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        RegisterCallResponse first = await gateway.RegisterAsync("typo-1", model: "NS-5");
        string digits = first.ProblemNumber.Replace("-", "", StringComparison.Ordinal);
        string mistyped = digits[..7] + (char)('0' + ((digits[7] - '0' + 1) % 10));

        StatusCode status = await CaseCalls.StatusOf(() => gateway.RegisterAsync("typo-2", model: "NS-5", problemNumber: mistyped));

        Assert.Equal(StatusCode.InvalidArgument, status);
        Assert.Equal(StatusCode.NotFound, await CaseCalls.StatusOf(() =>
            gateway.WatchCall(new WatchCallRequest { CallId = "typo-2" }, deadline: ServerFixture.Deadline()).ResponseStream.MoveNext()));
    }

    [Fact]
    public async Task RegisterCall_WithWellFormedUnknownProblemNumber_IsNotFound()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        string unknown = ProblemNumber.FromSequence(ProblemNumber.LastSequence).ToString();

        StatusCode status = await CaseCalls.StatusOf(() => gateway.RegisterAsync("unknown-pn-1", problemNumber: unknown));

        Assert.Equal(StatusCode.NotFound, status);
    }

    [Fact]
    public async Task Call_FromManufacturerSentToVoicemail_IsLoggedAbandonedAndNotBillable()
    {
        var gateway = new RoutingService.RoutingServiceClient(await fixture.LoginAsync("gateway", "demo-gateway"));
        var cases = new CaseService.CaseServiceClient(await fixture.LoginAsync("admin", "demo-admin"));
        RegisterCallResponse registered = await gateway.RegisterAsync("mfr-call-1", model: "NS Remote", fromManufacturer: true);

        await gateway.ReportCallEventAsync(new CallEventRequest { CallId = "mfr-call-1", Voicemail = new CallSentToVoicemail { RecordingUri = "file:///vm/1.wav" } }, deadline: ServerFixture.Deadline());

        CaseCall call = Assert.Single((await cases.GetCaseAsync(new GetCaseRequest { ProblemNumber = registered.ProblemNumber }, deadline: ServerFixture.Deadline())).Calls);
        Assert.True(call.FromManufacturer);
        Assert.False(call.Billable);
        Assert.True(call.Voicemail);
        Assert.True(call.Abandoned);
        Assert.NotNull(call.LoggedAt);
    }
}
