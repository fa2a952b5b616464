using CallRouter.Cases;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Storage;
using CallRouter.Core.Cases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Tests;

public sealed class CaseRecorderTests : IAsyncLifetime
{
    private static readonly Actor Intake = new("gateway", Role.System);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly string _data = Directory.CreateTempSubdirectory("callrouter-recorder-").FullName;
    private SqliteCaseStore? _store;
    private CaseService? _cases;

    private SqliteCaseStore Store => _store!;
    private CaseService Cases => _cases!;

    public async Task InitializeAsync()
    {
        _store = new SqliteCaseStore(Path.Combine(_data, "cases.db"), _time);
        await _store.MigrateAsync();
        _cases = new CaseService(_store, _time);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>09:00 a call arrives and opens a case; 09:02 alice answers; 09:10 it ends.</summary>
    private async Task<ProblemNumber> AnsweredCallAsync(CaseRecorder recorder, string callId)
    {
        CaseRecord opened = await Cases.OpenCaseAsync(Intake, new NewCase
        {
            Manufacturer = "mfr", CustomerAccount = "ACME", Severity = Severity.S2,
            SeverityAgreement = new EndUserAgreement("+15550100", _time.GetUtcNow(), "IVR confirmation"),
        });
        DateTimeOffset arrived = _time.GetUtcNow();
        await Cases.AttachCallAsync(Intake, opened.ProblemNumber, new CallRecord { CallId = callId, ProblemNumber = opened.ProblemNumber, StartedAt = arrived, QueuedAt = arrived });
        _time.Advance(TimeSpan.FromMinutes(2));
        DateTimeOffset answered = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(8));
        await recorder.CallEnded(new CallOutcome(callId, opened.ProblemNumber.ToString(), "alice", answered, _time.GetUtcNow(), false, "call with alice ended"));
        return opened.ProblemNumber;
    }

    [Fact]
    public async Task CallEnded_AnsweredCall_IsLoggedWithWaitAndTalkTimes()
    {
        var recorder = new CaseRecorder(Cases, Store, NullLogger<CaseRecorder>.Instance);

        ProblemNumber number = await AnsweredCallAsync(recorder, "c1");

        CallRecord call = (await Store.GetCallAsync("c1"))!;
        Assert.Equal(TimeSpan.FromMinutes(2), call.WaitDuration);
        Assert.Equal(TimeSpan.FromMinutes(8), call.TalkDuration);
        Assert.Equal("alice", call.AgentId);
        Assert.NotNull(call.LoggedAt);
        Assert.Equal(number, call.ProblemNumber);
    }

    [Theory]
    [InlineData(Proto.Disposition.Resolved, CaseState.Resolved)]
    [InlineData(Proto.Disposition.NeedsL2, CaseState.InProgress)]
    [InlineData(Proto.Disposition.CallBack, CaseState.InProgress)]
    [InlineData(Proto.Disposition.EscalateToManufacturer, CaseState.EscalatedToManufacturer)]
    public async Task WrappedUp_WithDisposition_MovesTheCaseAndKeepsTheAgentsNote(Proto.Disposition disposition, CaseState expected)
    {
        var recorder = new CaseRecorder(Cases, Store, NullLogger<CaseRecorder>.Instance);
        ProblemNumber number = await AnsweredCallAsync(recorder, "c2");

        await recorder.WrappedUp(new WrapUpOutcome("c2", "alice", Role.L1Agent, disposition, "checked the logs"));

        CaseDetail detail = await Cases.GetCaseAsync(Intake, number);
        Assert.Equal(expected, detail.Case.State);
        Assert.Contains(detail.Notes, n => n.Kind == NoteKind.General && n.Text == "checked the logs" && n.Author == "alice");
    }

    [Fact]
    public async Task WrappedUp_EscalateWithAnEscalator_HandsTheCaseToItInsteadOfChangingTheState()
    {
        var escalator = new RecordingEscalator();
        var recorder = new CaseRecorder(Cases, Store, NullLogger<CaseRecorder>.Instance, escalator);
        ProblemNumber number = await AnsweredCallAsync(recorder, "c3");

        await recorder.WrappedUp(new WrapUpOutcome("c3", "alice", Role.L1Agent, Proto.Disposition.EscalateToManufacturer, "kernel panic"));

        Assert.Equal((number, "kernel panic", "alice"), Assert.Single(escalator.Requests));
        Assert.Equal(CaseState.Open, (await Store.GetCaseAsync(number))!.State);
    }

    [Fact]
    public async Task WrappedUp_CallWithoutCase_ChangesNothing()
    {
        var recorder = new CaseRecorder(Cases, Store, NullLogger<CaseRecorder>.Instance);

        await recorder.WrappedUp(new WrapUpOutcome("unknown-call", "alice", Role.L1Agent, Proto.Disposition.Resolved, "x"));

        Assert.Empty(await Store.ListCasesAsync(new CaseQuery()));
    }

    private sealed class RecordingEscalator : IWrapUpEscalator
    {
        public List<(ProblemNumber, string, string)> Requests { get; } = [];

        public Task EscalateAsync(Actor actor, ProblemNumber problemNumber, string summary, CancellationToken cancellationToken = default)
        {
            Requests.Add((problemNumber, summary, actor.UserId));
            return Task.CompletedTask;
        }
    }
}
