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
    private readonly TimerCountingTime _time = new();

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
        var sending = new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended());

        // Each attempt arms its time-out; each failure then arms its pause: advance once the sender waits on it.
        await _time.WaitForTimersAsync(2);
        _time.Advance(TimeSpan.FromSeconds(1));
        await _time.WaitForTimersAsync(4);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(await sending.WaitAsync(Bound));
        Assert.Equal(3, core.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(1), core.AttemptTimes[1] - core.AttemptTimes[0]);
        Assert.Equal(TimeSpan.FromSeconds(2), core.AttemptTimes[2] - core.AttemptTimes[1]);
    }

    [Fact]
    public async Task SendAsync_CoreSilentPastTheAttemptTimeout_AttemptCancelledAndRetried()
    {
        var core = new ScriptedCore(_time, Outcome.Hang, Outcome.Ok);
        var sending = new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended());

        await _time.WaitForTimersAsync(1);
        _time.Advance(CallReportSender.AttemptTimeout);
        await _time.WaitForTimersAsync(2);
        _time.Advance(CallReportSender.Pauses[0]);

        Assert.True(await sending.WaitAsync(Bound));
        Assert.Equal(2, core.Attempts);
        Assert.Equal(CallReportSender.AttemptTimeout + CallReportSender.Pauses[0], core.AttemptTimes[1] - core.AttemptTimes[0]);
    }

    [Fact]
    public async Task SendAsync_CoreSaysTheCallIsGone_NoRetryAndFalse()
    {
        var core = new ScriptedCore(_time, Outcome.NotFound, Outcome.Ok);

        Assert.False(await new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended()).WaitAsync(Bound));
        Assert.Equal(1, core.Attempts);
    }

    [Fact]
    public async Task SendAsync_CoreNeverComesBack_GivesUpAfterEveryPauseWithFalse()
    {
        var core = new ScriptedCore(_time, Enumerable.Repeat(Outcome.Unavailable, 20).ToArray());
        var sending = new CallReportSender(core, _time, NullLogger.Instance).SendAsync(Ended());

        for (int i = 0; i < CallReportSender.Pauses.Count; i++)
        {
            await _time.WaitForTimersAsync(2 * (i + 1));
            _time.Advance(CallReportSender.Pauses[i]);
        }

        Assert.False(await sending.WaitAsync(Bound));
        Assert.Equal(CallReportSender.Pauses.Count + 1, core.Attempts);
        Assert.Equal(CallReportSender.Pauses.Aggregate(TimeSpan.Zero, (a, b) => a + b), core.AttemptTimes[^1] - core.AttemptTimes[0]);
    }

    /// <summary>A fake clock that counts the timers made on it, so a test advances only once the code waits on one.</summary>
    private sealed class TimerCountingTime : FakeTimeProvider
    {
        private int _created;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _created);
            return base.CreateTimer(callback, state, dueTime, period);
        }

        public async Task WaitForTimersAsync(int count)
        {
            var until = DateTime.UtcNow + Bound;
            while (Volatile.Read(ref _created) < count && DateTime.UtcNow < until)
            {
                await Task.Delay(1);
            }

            Assert.True(Volatile.Read(ref _created) >= count, $"expected {count} timers, saw {_created}");
        }
    }

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
