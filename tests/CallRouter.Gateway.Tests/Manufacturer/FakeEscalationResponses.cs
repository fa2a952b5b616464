using CallRouter.Gateway.Manufacturer;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>
/// The core's RecordResponse and ReportCallOutcome, answering from a script (default: recorded)
/// and noting when each attempt came on the fake clock.
/// </summary>
internal sealed class FakeEscalationResponses(TimeProvider time) : IEscalationResponses
{
    private readonly Queue<ResponseRecording> _answers = new();

    public List<(string EscalationId, string Responder, string Via, DateTimeOffset At)> Calls { get; } = [];

    public FakeEscalationResponses Answers(ResponseRecording answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public Task<ResponseRecording> RecordResponseAsync(string escalationId, string responder, string via, CancellationToken cancellationToken)
    {
        lock (Calls) Calls.Add((escalationId, responder, via, time.GetUtcNow()));
        return Task.FromResult(_answers.Count > 0 ? _answers.Dequeue() : ResponseRecording.Done("Responded"));
    }

    public List<(CallOutcomeReport Report, DateTimeOffset At)> Reports { get; } = [];

    public Task<ResponseRecording> ReportCallOutcomeAsync(CallOutcomeReport report, CancellationToken cancellationToken)
    {
        lock (Reports) Reports.Add((report, time.GetUtcNow()));
        return Task.FromResult(ResponseRecording.Done("AwaitingResponse"));
    }

    public IReadOnlyList<CallOutcomeReport> ReportsSoFar
    {
        get
        {
            lock (Reports) return [.. Reports.Select(r => r.Report)];
        }
    }

    public int CallCount
    {
        get
        {
            lock (Calls) return Calls.Count;
        }
    }
}
