using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallRouter.Escalation;

/// <summary>
/// The escalation heartbeat. The host runs <see cref="RunAsync"/> (e.g. from a BackgroundService):
/// it sleeps until the earliest stored timer or retry, the next status poll, or at most
/// <see cref="EscalationOptions.HeartbeatMaxDelay"/>, then does one <see cref="RunOnceAsync"/>.
/// Nothing is held in memory between beats, so a new scheduler over the same database after a
/// restart picks up exactly where the old one stopped, with each timer's remaining time intact.
/// </summary>
public sealed class EscalationScheduler
{
    private readonly EscalationService _service;
    private readonly EscalationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private DateTimeOffset _nextPoll = DateTimeOffset.MinValue;

    public EscalationScheduler(EscalationService service, EscalationOptions options, TimeProvider time, ILogger<EscalationScheduler>? logger = null)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? NullLogger<EscalationScheduler>.Instance;
    }

    /// <summary>Asks a sleeping <see cref="RunAsync"/> to beat now (e.g. right after an escalation starts, so its contact goes out at once).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one beat covers every request made before it.
        }
    }

    /// <summary>
    /// One beat: fire due timers, send due contacts and notices, poll open pages when the poll
    /// interval has passed (sending whatever that decided), and forward new events to the case service.
    /// </summary>
    /// <returns>How many things happened (timers fired, items settled, escalations changed, events forwarded).</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var work = await _service.FireDueTimersAsync(cancellationToken).ConfigureAwait(false);
        work += await _service.DispatchOutboxAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (now >= _nextPoll)
        {
            _nextPoll = now + _options.StatusPollInterval;
            var changed = await _service.PollPagerStatusAsync(cancellationToken).ConfigureAwait(false);
            if (changed > 0)
            {
                work += changed + await _service.DispatchOutboxAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        work += await _service.ForwardEventsAsync(cancellationToken).ConfigureAwait(false);
        return work;
    }

    /// <summary>Beats until cancelled. A failing beat is logged and retried after the usual sleep; it never ends the loop.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await _service.InitializeAsync(cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                await RunOnceAsync(cancellationToken).ConfigureAwait(false);
                delay = await DelayUntilNextBeatAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A locked database or a bug in one item must not stop escalations for good.
                Log.HeartbeatFailed(_logger, ex);
                delay = _options.HeartbeatMaxDelay;
            }

            if (delay <= TimeSpan.Zero)
            {
                continue;
            }

            try
            {
                await WaitAsync(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<TimeSpan> DelayUntilNextBeatAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var next = now + _options.HeartbeatMaxDelay;
        if (_nextPoll < next)
        {
            next = _nextPoll;
        }

        if (await _service.NextWakeAsync(cancellationToken).ConfigureAwait(false) is { } due && due < next)
        {
            next = due;
        }

        return next - now;
    }

    private async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(delay, _time, linked.Token);
        var woken = _wake.WaitAsync(linked.Token);
        await Task.WhenAny(sleep, woken).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(sleep, woken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loser of the race was cancelled above; the caller's own token is checked by the loop.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }
}
