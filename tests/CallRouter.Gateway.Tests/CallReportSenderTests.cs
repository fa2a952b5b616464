using System.Runtime.CompilerServices;
using CallRouter.Contracts.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Gateway.Tests;

/// <summary>A call's reports reach the core through transient failures, and stop at a final answer.</summary>
public sealed class CallReportSenderTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider _time = new();

    private static CallEventRequest Ended() => new() { CallId = "c1", Ended = new CallEnded { EndedBy = "agent" } };

    [Fact]
    public async Task SendAsync_CoreAnswers_SentOnceAndTrue()
    {
        var core = new ScriptedCore(_time, Outcome.Ok);

        Assert.True(await new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended()).WaitAsync(Bound));
        Assert.Equal(1, core.Attempts);
    }

    [Fact]
    public async Task SendAsync_CoreUnavailableTwice_RetriedAfterOneThenTwoSecondsAndDelivered()
    {
        var core = new ScriptedCore(_time, Outcome.Unavailable, Outcome.ConnectionReset, Outcome.Ok);

        Assert.True(await DriveAsync(new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended())));
        Assert.Equal(3, core.Attempts);
        AssertNear(TimeSpan.FromSeconds(1), core.AttemptTimes[1] - core.AttemptTimes[0]);
        AssertNear(TimeSpan.FromSeconds(2), core.AttemptTimes[2] - core.AttemptTimes[1]);
    }

    [Fact]
    public async Task SendAsync_CoreSilentPastTheAttemptTimeout_AttemptCancelledAndRetried()
    {
        var core = new ScriptedCore(_time, Outcome.Hang, Outcome.Ok);

        Assert.True(await DriveAsync(new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended())));
        Assert.Equal(2, core.Attempts);
        AssertNear(CallReportSender.AttemptTimeout + CallReportSender.Pauses[0], core.AttemptTimes[1] - core.AttemptTimes[0]);
    }

    [Fact]
    public async Task SendAsync_CoreSaysTheCallIsGone_NoRetryAndFalse()
    {
        var core = new ScriptedCore(_time, Outcome.NotFound, Outcome.Ok);

        Assert.False(await DriveAsync(new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended())));
        Assert.Equal(1, core.Attempts);
    }

    [Fact]
    public async Task SendAsync_CoreNeverComesBack_GivesUpAfterEveryPauseWithFalse()
    {
        var core = new ScriptedCore(_time, Enumerable.Repeat(Outcome.Unavailable, 20).ToArray());

        Assert.False(await DriveAsync(new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended())));
        Assert.Equal(CallReportSender.Pauses.Count + 1, core.Attempts);
        AssertNear(CallReportSender.Pauses.Aggregate(TimeSpan.Zero, (a, b) => a + b), core.AttemptTimes[^1] - core.AttemptTimes[0]);
    }

    /// <summary>Moves the virtual clock on in 100 ms steps, letting the sender's continuations run, until it is done.</summary>
    private async Task<bool> DriveAsync(Task<bool> sending)
    {
        for (int step = 0; step < 20_000 && !sending.IsCompleted; step++)
        {
            await Task.Delay(1);
            _time.Advance(Step);
        }

        return await sending.WaitAsync(Bound);
    }

    private static void AssertNear(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected, expected + Step + Step);

    private enum Outcome
    {
        Ok,
        Unavailable,
        ConnectionReset,
        NotFound,
        Hang,
    }

    /// <summary>The routing core answering each report attempt as scripted.</summary>
    private sealed class ScriptedCore(TimeProvider time, params Outcome[] outcomes) : IRoutingClient
    {
        private readonly Queue<Outcome> _outcomes = new(outcomes);

        public List<DateTimeOffset> AttemptTimes { get; } = [];

        public int Attempts => AttemptTimes.Count;

        public async Task ReportAsync(CallEventRequest report, CancellationToken cancellationToken)
        {
            AttemptTimes.Add(time.GetUtcNow());
            switch (_outcomes.Dequeue())
            {
                case Outcome.Ok:
                    return;
                case Outcome.Unavailable:
                    throw new RpcException(new Status(StatusCode.Unavailable, "core busy"));
                case Outcome.ConnectionReset:
                    throw new HttpRequestException("Connection reset by peer");
                case Outcome.NotFound:
                    throw new RpcException(new Status(StatusCode.NotFound, "no call 'c1' is being routed"));
                case Outcome.Hang:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return;
            }
        }

        public Task<RegisterCallResponse> RegisterCallAsync(CallContext context, CancellationToken cancellationToken) => throw new NotSupportedException();

        public async IAsyncEnumerable<RoutingEvent> WatchCallAsync(string callId, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
