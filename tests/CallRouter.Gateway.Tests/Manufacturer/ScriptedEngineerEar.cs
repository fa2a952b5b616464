using CallRouter.Media.Dtmf;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>
/// The Mfr TS engineer's handset, scripted: each "press 1" prompt is answered from a queue (a key or
/// silence); every prompt heard is kept. With <see cref="HangsUpWhilePlaying"/> prompts never end
/// by themselves, as if the engineer listened forever, until the call is cancelled.
/// </summary>
internal sealed class ScriptedEngineerEar : ICallerChannel
{
    private readonly Queue<DigitCollectionResult> _presses = new();

    public List<Prompt> Heard { get; } = [];

    public List<DigitCollectionOptions> Collections { get; } = [];

    public bool HangsUpWhilePlaying { get; init; }

    public ScriptedEngineerEar Presses(char key)
    {
        _presses.Enqueue(new DigitCollectionResult(key.ToString(), DigitCollectionOutcome.Completed));
        return this;
    }

    public ScriptedEngineerEar StaysSilent()
    {
        _presses.Enqueue(new DigitCollectionResult("", DigitCollectionOutcome.FirstDigitTimeout));
        return this;
    }

    public async Task PlayAsync(Prompt prompt, CancellationToken cancellationToken)
    {
        lock (Heard) Heard.Add(prompt);
        if (HangsUpWhilePlaying)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    public Task<DigitCollectionResult> PromptAndCollectAsync(Prompt prompt, DigitCollectionOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (Heard) Heard.Add(prompt);
        Collections.Add(options);
        if (_presses.Count == 0) throw new InvalidOperationException($"the script has no key press left for {prompt.Id}");
        return Task.FromResult(_presses.Dequeue());
    }

    public Task HoldMusicAsync(CancellationToken cancellationToken) => throw new NotSupportedException("no hold music on an escalation call");

    public string[] HeardIds()
    {
        lock (Heard) return Heard.Select(p => p.Id).ToArray();
    }
}
