using CallRouter.Gateway.Manufacturer;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>A Mfr TS call whose ringing, answer and hang-up the test decides.</summary>
internal sealed class FakeManufacturerCallLeg(string callId, ICallerChannel ear) : IManufacturerCallLeg
{
    private readonly TaskCompletionSource<int> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string CallId { get; } = callId;

    public Task<int> Outcome => _outcome.Task;

    public Task Ended => _ended.Task;

    public ICallerChannel Ear { get; } = ear;

    public bool Cancelled { get; private set; }

    public int Hangups { get; private set; }

    public bool Disposed { get; private set; }

    /// <summary>When set, CANCEL is answered 487 as a phone would.</summary>
    public bool AnswersCancelWith487 { get; init; } = true;

    public void Finish(int status)
    {
        _outcome.TrySetResult(status);
        if (status is < 200 or >= 300) _ended.TrySetResult();
    }

    /// <summary>The engineer puts the handset down.</summary>
    public void RemoteHangup() => _ended.TrySetResult();

    public void Cancel()
    {
        Cancelled = true;
        if (AnswersCancelWith487) Finish(487);
    }

    public Task HangupAsync()
    {
        if (_outcome.Task.IsCompletedSuccessfully && _outcome.Task.Result is >= 200 and < 300 && !_ended.Task.IsCompleted)
        {
            Hangups++;
            _ended.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await HangupAsync();
        Disposed = true;
    }
}
