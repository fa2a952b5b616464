using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CallRouter.Contracts.V1;

namespace CallRouter.Gateway.Tests;

/// <summary>The routing core as the test scripts it: RegisterCall answers in order, events pushed by the test, reports recorded.</summary>
internal sealed class FakeRoutingClient : IRoutingClient
{
    private readonly Queue<Func<CallContext, RegisterCallResponse>> _answers = new();
    private readonly Channel<RoutingEvent> _events = Channel.CreateUnbounded<RoutingEvent>();

    public List<CallContext> Registered { get; } = [];

    public List<CallEventRequest> Reports { get; } = [];

    public FakeRoutingClient Answers(Func<CallContext, RegisterCallResponse> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public Task<RegisterCallResponse> RegisterCallAsync(CallContext context, CancellationToken cancellationToken)
    {
        Registered.Add(context.Clone());
        var answer = _answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException("no scripted answer");
        return Task.FromResult(answer(context));
    }

    public async IAsyncEnumerable<RoutingEvent> WatchCallAsync(string callId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in _events.Reader.ReadAllAsync(cancellationToken)) yield return e;
    }

    public Task ReportAsync(CallEventRequest report, CancellationToken cancellationToken)
    {
        Reports.Add(report.Clone());
        return Task.CompletedTask;
    }
}
