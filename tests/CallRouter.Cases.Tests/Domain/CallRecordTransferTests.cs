using CallRouter.Cases.Domain;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Cases.Tests.Domain;

/// <summary>
/// The figures of one call that L1 transferred to L2 (docs/cases.md, "Transfer to L2"): answer at t0, transfer at t1,
/// L2 answer at t2, end at t3 gives talk (t1 - t0) + (t3 - t2) and an L2 wait of t2 - t1.
/// </summary>
public sealed class CallRecordTransferTests
{
    private static readonly ProblemNumber s_case = ProblemNumber.FromSequence(1_000_000);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

    private DateTimeOffset After(TimeSpan span)
    {
        _clock.Advance(span);
        return _clock.GetUtcNow();
    }

    [Fact]
    public void TalkDuration_AnsweredByL2_IsL1TalkPlusL2TalkWithoutTheWaitForL2()
    {
        var started = _clock.GetUtcNow();
        var t0 = After(TimeSpan.FromSeconds(45));
        var t1 = After(TimeSpan.FromMinutes(9));
        var t2 = After(TimeSpan.FromMinutes(6));
        var t3 = After(TimeSpan.FromMinutes(4));
        var call = new CallRecord
        {
            CallId = "c1", ProblemNumber = s_case, StartedAt = started, QueuedAt = started,
            AnsweredAt = t0, TransferredAt = t1, TransferredBy = "alice", Level2AnsweredAt = t2, EndedAt = t3,
        };

        Assert.Equal((t1 - t0) + (t3 - t2), call.TalkDuration);
        Assert.Equal(TimeSpan.FromMinutes(13), call.TalkDuration);
        Assert.Equal(t2 - t1, call.Level2WaitDuration);
        Assert.Equal(TimeSpan.FromSeconds(45), call.WaitDuration);
        Assert.False(call.IsAbandoned);
    }

    [Fact]
    public void TalkDuration_CallerHangsUpWaitingForL2_IsL1TalkOnly()
    {
        var started = _clock.GetUtcNow();
        var t0 = After(TimeSpan.FromMinutes(1));
        var t1 = After(TimeSpan.FromMinutes(5));
        var t3 = After(TimeSpan.FromMinutes(8));
        var call = new CallRecord { CallId = "c1", ProblemNumber = s_case, StartedAt = started, AnsweredAt = t0, TransferredAt = t1, EndedAt = t3 };

        Assert.Equal(t1 - t0, call.TalkDuration);
        Assert.Equal(t3 - t1, call.Level2WaitDuration);
        Assert.False(call.IsAbandoned);
    }

    [Fact]
    public void Durations_CallNeverTransferred_TalkIsAnswerToEndAndThereIsNoL2Wait()
    {
        var started = _clock.GetUtcNow();
        var answered = After(TimeSpan.FromMinutes(2));
        var ended = After(TimeSpan.FromMinutes(30));
        var call = new CallRecord { CallId = "c1", ProblemNumber = s_case, StartedAt = started, AnsweredAt = answered, EndedAt = ended };

        Assert.Equal(TimeSpan.FromMinutes(30), call.TalkDuration);
        Assert.Null(call.Level2WaitDuration);
    }

    [Fact]
    public void Level2WaitDuration_StillWaitingForL2_IsUnknownYet()
    {
        var started = _clock.GetUtcNow();
        var call = new CallRecord { CallId = "c1", ProblemNumber = s_case, StartedAt = started, AnsweredAt = started, TransferredAt = After(TimeSpan.FromMinutes(3)) };

        Assert.Null(call.Level2WaitDuration);
        Assert.Null(call.TalkDuration);
    }
}
