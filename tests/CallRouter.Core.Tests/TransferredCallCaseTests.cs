using CallRouter.Cases;
using CallRouter.Cases.Billing;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;
using CallRouter.Core.Cases;
using CallRouter.Core.Routing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Tests;

/// <summary>
/// What the case of a call transferred to L2 records, from the routing core through the real case recorder into a
/// case store: answer at t0, transfer at t1, L2 answer at t2, end at t3 gives talk (t1 - t0) + (t3 - t2) and an L2
/// wait of t2 - t1; a caller who hangs up waiting for L2 talked t1 - t0. Billing counts the talk only.
/// </summary>
public sealed class TransferredCallCaseTests : IAsyncLifetime
{
    private static readonly Actor Intake = new("gateway", Role.System);
    private readonly CoordinatorHarness _h = new();
    private readonly string _data = Directory.CreateTempSubdirectory("callrouter-transfer-case-").FullName;
    private SqliteCaseStore? _store;
    private CaseService? _cases;
    private ProblemNumber _number;

    private SqliteCaseStore Store => _store!;

    public async Task InitializeAsync()
    {
        _store = new SqliteCaseStore(Path.Combine(_data, "cases.db"), _h.Time);
        await _store.MigrateAsync();
        _cases = new CaseService(_store, _h.Time);
        _h.Coordinator.UseCaseRecorder(new CaseRecorder(_cases, _store, NullLogger<CaseRecorder>.Instance));

        CaseRecord opened = await _cases.OpenCaseAsync(Intake, new NewCase
        {
            Manufacturer = "NetScreen", CustomerAccount = "ACME", Severity = Severity.S2,
            SeverityAgreement = new EndUserAgreement("+15550100", _h.Time.GetUtcNow(), "IVR confirmation"),
        });
        _number = opened.ProblemNumber;
        await _cases.AttachCallAsync(Intake, _number, new CallRecord { CallId = "c1", ProblemNumber = _number, StartedAt = _h.Time.GetUtcNow(), QueuedAt = _h.Time.GetUtcNow() });
        _h.Register("c1", problem: _number.Digits);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        _h.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>09:00:30 alice accepts, her phone answers at :32 (t0); after <paramref name="level1Talk"/> she transfers (t1).</summary>
    private (DateTimeOffset T0, DateTimeOffset T1) AnswerAndTransfer(TimeSpan level1Talk)
    {
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        AgentSession alice = _h.Coordinator.OpenSession("alice", "sip:alice@127.0.0.1", available: true);
        _h.Coordinator.Accept(alice, "c1");
        _h.Time.Advance(TimeSpan.FromSeconds(2));
        _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Answered = new Proto.CallAnswered { AgentId = "alice" } });
        var t0 = _h.Time.GetUtcNow();
        _h.Time.Advance(level1Talk);
        _h.Coordinator.Transfer(alice, new Proto.RequestTransfer { CallId = "c1", ToLevel2 = true });
        return (t0, _h.Time.GetUtcNow());
    }

    [Fact]
    public async Task CallEnded_TransferredAndAnsweredByL2_CaseTalkIsL1PlusL2AndTheWaitForL2IsKeptApart()
    {
        var (t0, t1) = AnswerAndTransfer(TimeSpan.FromMinutes(10));

        // Carol comes in 6 minutes later and takes it; her phone answers 3 s after her acceptance (t2).
        _h.Time.Advance(TimeSpan.FromMinutes(6));
        AgentSession carol = _h.Coordinator.OpenSession("carol", "sip:carol@127.0.0.1", available: true);
        _h.Coordinator.Accept(carol, "c1");
        _h.Time.Advance(TimeSpan.FromSeconds(3));
        // A late retry of alice's answer report changes nothing; carol's own answer is the L2 answer.
        await _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Answered = new Proto.CallAnswered { AgentId = "alice" } });
        await _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Answered = new Proto.CallAnswered { AgentId = "carol" } });
        var t2 = _h.Time.GetUtcNow();
        _h.Time.Advance(TimeSpan.FromMinutes(9));
        var t3 = _h.Time.GetUtcNow();
        await _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest
        {
            CallId = "c1", Ended = new Proto.CallEnded { Talked = Duration.FromTimeSpan(TimeSpan.FromMinutes(9)), EndedBy = "caller" },
        });

        CallRecord call = (await Store.GetCallAsync("c1"))!;
        Assert.Equal((t0, t1, "alice", t2, t3, "carol"), (call.AnsweredAt, call.TransferredAt, call.TransferredBy, call.Level2AnsweredAt, call.EndedAt, call.AgentId));
        Assert.Equal((t1 - t0) + (t3 - t2), call.TalkDuration);
        Assert.Equal(TimeSpan.FromMinutes(19), call.TalkDuration);
        Assert.Equal(t2 - t1, call.Level2WaitDuration);
        Assert.Equal(TimeSpan.FromSeconds(32), call.WaitDuration);
        Assert.NotNull(call.LoggedAt);

        // The gRPC case detail shows the transfer and the wait for L2 next to the talk.
        Proto.CaseCall shown = Assert.Single((await _cases!.GetCaseAsync(Intake, _number)).ToProto().Calls);
        Assert.Equal((Timestamp.FromDateTimeOffset(t1), "alice", Timestamp.FromDateTimeOffset(t2)), (shown.TransferredAt, shown.TransferredBy, shown.Level2AnsweredAt));
        Assert.Equal((TimeSpan.FromMinutes(19), t2 - t1, false), (shown.Talk.ToTimeSpan(), shown.Level2Wait.ToTimeSpan(), shown.Abandoned));

        // Billed on the 19 minutes talked (2 cases), not the 25 from alice's answer to the end.
        var line = Assert.Single((await new BillingService(Store).InvoiceAsync(new Actor("super", Role.Supervisor),
            BillingTerms.FromContract("NetScreen", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)), 2026, 11)).CaseVolume);
        Assert.Equal((19.00m, 2), (line.BillableTalkMinutes, line.BilledCases));
    }

    [Fact]
    public async Task CallEnded_CallerHangsUpWaitingForL2_CaseTalkIsL1OnlyAndBilledSo()
    {
        var (t0, t1) = AnswerAndTransfer(TimeSpan.FromMinutes(16) + TimeSpan.FromSeconds(30));

        // Nobody at L2 takes it; the caller hangs up after 25 minutes waiting for L2 (t3).
        _h.Time.Advance(TimeSpan.FromMinutes(25));
        var t3 = _h.Time.GetUtcNow();
        await _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Abandoned = new Proto.CallAbandoned() });

        CallRecord call = (await Store.GetCallAsync("c1"))!;
        Assert.Equal((t0, t1, "alice", null, t3), (call.AnsweredAt, call.TransferredAt, call.TransferredBy, call.Level2AnsweredAt, call.EndedAt));
        Assert.Equal(t1 - t0, call.TalkDuration);
        Assert.Equal(t3 - t1, call.Level2WaitDuration);
        Assert.False(call.IsAbandoned);

        // 16.5 minutes with L1 is one billed case; with the 25-minute wait it would have been three.
        var line = Assert.Single((await new BillingService(Store).InvoiceAsync(new Actor("super", Role.Supervisor),
            BillingTerms.FromContract("NetScreen", new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)), 2026, 11)).CaseVolume);
        Assert.Equal((16.50m, 1), (line.BillableTalkMinutes, line.BilledCases));
    }

    [Fact]
    public async Task CallEnded_L2AgentLegFailedThenAnotherL2AgentAnswered_WaitForL2RunsToTheAnswerThatConnected()
    {
        var (_, t1) = AnswerAndTransfer(TimeSpan.FromMinutes(5));

        // Carol accepts after 2 minutes but her softphone does not answer: the caller is still waiting for L2.
        _h.Time.Advance(TimeSpan.FromMinutes(2));
        AgentSession carol = _h.Coordinator.OpenSession("carol", "sip:carol@127.0.0.1", available: true);
        _h.Coordinator.Accept(carol, "c1");
        _h.Time.Advance(TimeSpan.FromSeconds(20));
        await _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", AgentLegFailed = new Proto.AgentLegFailed { SipStatus = 480 } });

        // A minute later carol is back and this time her phone answers (t2).
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        _h.Coordinator.ChangeState(carol, Proto.AgentState.Available, "");
        _h.Coordinator.Accept(carol, "c1");
        _h.Time.Advance(TimeSpan.FromSeconds(2));
        await _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Answered = new Proto.CallAnswered { AgentId = "carol" } });
        var t2 = _h.Time.GetUtcNow();
        _h.Time.Advance(TimeSpan.FromMinutes(4));
        await _h.Coordinator.ReportCallEvent(new Proto.CallEventRequest { CallId = "c1", Ended = new Proto.CallEnded { EndedBy = "agent" } });

        CallRecord call = (await Store.GetCallAsync("c1"))!;
        Assert.Equal(t2, call.Level2AnsweredAt);
        Assert.Equal(t2 - t1, call.Level2WaitDuration);
        Assert.Equal(TimeSpan.FromMinutes(9), call.TalkDuration);
    }
}
