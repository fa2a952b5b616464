using CallRouter.Media.Dtmf;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Media.Tests.Dtmf;

/// <summary>Collector time-outs on a virtual clock; the comments narrate the timeline.</summary>
public class DigitCollectorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    private static readonly DigitCollectionOptions ProblemNumber = new()
    {
        MaxDigits = 8,
        FirstDigitTimeout = TimeSpan.FromSeconds(5),
        InterDigitTimeout = TimeSpan.FromSeconds(3),
        OverallTimeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task CollectAsync_DigitsThenHash_TerminatedWithDigits()
    {
        using var collector = new DigitCollector(_time);
        var task = collector.CollectAsync(ProblemNumber);

        foreach (var d in "1234#")
        {
            collector.Add(d);
        }

        var result = await task.WaitAsync(Bound);
        Assert.Equal(new DigitCollectionResult("1234", DigitCollectionOutcome.Terminated, '#'), result);
    }

    [Fact]
    public async Task CollectAsync_HashAlone_TerminatedEmpty()
    {
        using var collector = new DigitCollector(_time);
        var task = collector.CollectAsync(ProblemNumber);
        collector.Add('#');

        var result = await task.WaitAsync(Bound);
        Assert.Equal("", result.Digits);
        Assert.Equal(DigitCollectionOutcome.Terminated, result.Outcome);
    }

    [Fact]
    public async Task CollectAsync_MaxDigitsReached_CompletedWithoutTerminator()
    {
        using var collector = new DigitCollector(_time);
        var task = collector.CollectAsync(new DigitCollectionOptions { MaxDigits = 1 });
        collector.Add('3');
        collector.Add('4');

        var result = await task.WaitAsync(Bound);
        Assert.Equal(new DigitCollectionResult("3", DigitCollectionOutcome.Completed), result);
    }

    [Fact]
    public async Task CollectAsync_NothingPressed_FirstDigitTimeoutAfterFiveSeconds()
    {
        using var collector = new DigitCollector(_time);
        var task = collector.CollectAsync(ProblemNumber);

        _time.Advance(TimeSpan.FromSeconds(4.9)); // t=4.9 s: still waiting
        Assert.False(task.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100)); // t=5 s: first-digit time-out

        Assert.Equal(DigitCollectionOutcome.FirstDigitTimeout, (await task.WaitAsync(Bound)).Outcome);
    }

    [Fact]
    public async Task CollectAsync_PauseAfterDigits_InterDigitTimeoutKeepsDigits()
    {
        using var collector = new DigitCollector(_time);
        var task = collector.CollectAsync(ProblemNumber);

        _time.Advance(TimeSpan.FromSeconds(4)); // t=4 s: first digit just inside the first-digit window
        collector.Add('4');
        _time.Advance(TimeSpan.FromSeconds(2)); // t=6 s: second digit, inter-digit timer restarts
        collector.Add('2');
        _time.Advance(TimeSpan.FromSeconds(2.9)); // t=8.9 s: still within 3 s of the last digit
        Assert.False(task.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100)); // t=9 s: inter-digit time-out

        var result = await task.WaitAsync(Bound);
        Assert.Equal(new DigitCollectionResult("42", DigitCollectionOutcome.InterDigitTimeout), result);
    }

    [Fact]
    public async Task CollectAsync_SlowSteadyDigits_OverallTimeoutWins()
    {
        using var collector = new DigitCollector(_time);
        var task = collector.CollectAsync(ProblemNumber with { MaxDigits = 20 });

        // One digit every 2.5 s never trips the 3 s inter-digit timer; the 20 s overall limit ends it.
        for (var i = 0; i < 8; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2.5));
            collector.Add('1');
        }

        var result = await task.WaitAsync(Bound);
        Assert.Equal(DigitCollectionOutcome.OverallTimeout, result.Outcome);
        Assert.Equal("1111111", result.Digits); // the eighth digit came at t=20 s, after the limit fired
    }

    [Fact]
    public async Task CollectAsync_DigitsPressedDuringPrompt_UsedAsTypeAhead()
    {
        using var collector = new DigitCollector(_time);
        collector.Add('2');

        var result = await collector.CollectAsync(new DigitCollectionOptions { MaxDigits = 1 }).WaitAsync(Bound);

        Assert.Equal("2", result.Digits);
    }

    [Fact]
    public async Task CollectAsync_TypeAheadLongerThanOneAnswer_RestKeptForNextCollection()
    {
        using var collector = new DigitCollector(_time);
        foreach (var d in "3471#")
        {
            collector.Add(d);
        }

        var model = await collector.CollectAsync(new DigitCollectionOptions { MaxDigits = 1 }).WaitAsync(Bound);
        var problem = await collector.CollectAsync(ProblemNumber).WaitAsync(Bound);

        Assert.Equal("3", model.Digits);
        Assert.Equal(new DigitCollectionResult("471", DigitCollectionOutcome.Terminated, '#'), problem);
    }

    [Fact]
    public async Task CollectAsync_TypeAheadDisabled_EarlierDigitsDiscarded()
    {
        using var collector = new DigitCollector(_time);
        collector.Add('2');
        var task = collector.CollectAsync(new DigitCollectionOptions { MaxDigits = 1, UseTypeAhead = false });
        collector.Add('1');

        Assert.Equal("1", (await task.WaitAsync(Bound)).Digits);
    }

    [Fact]
    public async Task CollectAsync_Cancelled_TaskCancelledAndCollectorReusable()
    {
        using var collector = new DigitCollector(_time);
        using var cts = new CancellationTokenSource();
        var task = collector.CollectAsync(ProblemNumber, cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Bound));
        var next = collector.CollectAsync(new DigitCollectionOptions { MaxDigits = 1 });
        collector.Add('9');
        Assert.Equal("9", (await next.WaitAsync(Bound)).Digits);
    }

    [Fact]
    public async Task CollectAsync_TokenAlreadyCancelled_ReturnsCancelledTaskAndStaysUsable()
    {
        using var collector = new DigitCollector(_time);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var task = collector.CollectAsync(ProblemNumber, cts.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(Bound));
        var next = collector.CollectAsync(new DigitCollectionOptions { MaxDigits = 1 });
        collector.Add('5');
        Assert.Equal("5", (await next.WaitAsync(Bound)).Digits);
    }

    [Fact]
    public void CollectAsync_WhileAnotherRuns_Throws()
    {
        using var collector = new DigitCollector(_time);
        _ = collector.CollectAsync(ProblemNumber);

        Assert.Throws<InvalidOperationException>(() => { _ = collector.CollectAsync(ProblemNumber); });
    }

    [Fact]
    public async Task Add_InvalidCharacter_Ignored()
    {
        using var collector = new DigitCollector(_time);
        var task = collector.CollectAsync(new DigitCollectionOptions { MaxDigits = 1 });
        collector.Add('x');
        collector.Add('a');

        Assert.Equal("A", (await task.WaitAsync(Bound)).Digits);
    }
}
