using System.Threading.Channels;
using CallRouter.Media.Dtmf;

namespace CallRouter.Gateway.Tests;

/// <summary>A caller scripted by the test: answers menus from a queue of results and records every prompt heard.</summary>
internal sealed class FakeCallerChannel : ICallerChannel
{
    private readonly Queue<DigitCollectionResult> _answers = new();
    private readonly Channel<Prompt> _heard = Channel.CreateUnbounded<Prompt>();

    public List<Prompt> Heard { get; } = [];

    public int MusicStarts { get; private set; }

    public FakeCallerChannel Presses(string digits, char? terminator = null) =>
        Answer(new DigitCollectionResult(digits, terminator is null ? DigitCollectionOutcome.Completed : DigitCollectionOutcome.Terminated, terminator));

    public FakeCallerChannel StaysSilent() => Answer(new DigitCollectionResult("", DigitCollectionOutcome.FirstDigitTimeout));

    public Task PlayAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Record(prompt);
        return Task.CompletedTask;
    }

    public Task<DigitCollectionResult> PromptAndCollectAsync(Prompt prompt, DigitCollectionOptions options, CancellationToken cancellationToken)
    {
        Record(prompt);
        if (_answers.Count == 0) throw new InvalidOperationException($"the script has no answer left for {prompt.Id}");
        return Task.FromResult(_answers.Dequeue());
    }

    public async Task HoldMusicAsync(CancellationToken cancellationToken)
    {
        MusicStarts++;
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
    }

    /// <summary>The next prompt heard, waiting (bounded) for one to be played.</summary>
    public async Task<Prompt> NextHeardAsync() =>
        await _heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    private FakeCallerChannel Answer(DigitCollectionResult result)
    {
        _answers.Enqueue(result);
        return this;
    }

    private void Record(Prompt prompt)
    {
        lock (Heard) Heard.Add(prompt);
        _heard.Writer.TryWrite(prompt);
    }
}
