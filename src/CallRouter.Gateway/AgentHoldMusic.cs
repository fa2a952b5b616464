namespace CallRouter.Gateway;

/// <summary>
/// The agent put the caller on hold from the softphone (re-INVITE with a=sendonly or inactive): the bridge stops
/// relaying and the caller hears music on hold until the agent resumes, when the music stops and the bridge relays
/// again. Called from the call flow's one reader, so it needs no locks.
/// </summary>
public sealed class AgentHoldMusic : IAsyncDisposable
{
    private readonly ICallerChannel _caller;
    private readonly Action _holdBridge;
    private readonly Func<Task> _stopPlayback;
    private readonly Action _resumeBridge;
    private CancellationTokenSource? _music;
    private Task _playing = Task.CompletedTask;

    /// <param name="stopPlayback">Waits until the caller's leg has stopped playing (before the bridge relays to it again).</param>
    public AgentHoldMusic(ICallerChannel caller, Action holdBridge, Func<Task> stopPlayback, Action resumeBridge)
    {
        _caller = caller;
        _holdBridge = holdBridge;
        _stopPlayback = stopPlayback;
        _resumeBridge = resumeBridge;
    }

    public bool IsHeld => _music is not null;

    /// <summary>Applies the agent's hold state; repeated holds or resumes change nothing.</summary>
    public async Task SetAsync(bool held)
    {
        if (held == IsHeld) return;
        if (held)
        {
            _holdBridge();
            _music = new CancellationTokenSource();
            _playing = _caller.HoldMusicAsync(_music.Token);
            return;
        }

        await StopMusicAsync().ConfigureAwait(false);
        _resumeBridge();
    }

    public async ValueTask DisposeAsync() => await StopMusicAsync().ConfigureAwait(false);

    private async Task StopMusicAsync()
    {
        if (_music is not { } music) return;
        _music = null;
        await music.CancelAsync().ConfigureAwait(false);
        try
        {
            await _playing.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // The music stopped as asked (or the leg went away with the caller).
        }

        music.Dispose();
        await _stopPlayback().ConfigureAwait(false);
    }
}
