using System.Runtime.CompilerServices;
using CallRouter.Cases.Domain;

namespace CallRouter.Cases;

/// <summary>
/// The timer loop a host runs once: every <c>interval</c> (on the injected TimeProvider) it
/// raises newly due update reminders and runs the same-day closure sweep. The reminders come
/// out as a stream the host fans out to agent consoles and supervisors. All state lives in the
/// store, so a restarted host simply carries on.
/// </summary>
public sealed class CaseHeartbeat
{
    private const int PageSize = 100;

    private readonly CaseService _cases;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;

    public CaseHeartbeat(CaseService cases, TimeProvider timeProvider, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The heartbeat interval must be positive.");
        }

        _cases = cases;
        _time = timeProvider;
        _interval = interval;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then ends the stream.</summary>
    public async IAsyncEnumerable<UpdateReminder> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Created before the first await so that no tick is lost while the first pass runs.
        using var timer = new PeriodicTimer(_interval, _time);
        while (await PassAsync(cancellationToken).ConfigureAwait(false) is { } raised)
        {
            foreach (var reminder in raised)
            {
                yield return reminder;
            }

            if (!await WaitForTickAsync(timer, cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }
        }
    }

    /// <summary>One beat: every newly due reminder, then the closure sweep; null once shutting down.</summary>
    private async Task<List<UpdateReminder>?> PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            var all = new List<UpdateReminder>();
            IReadOnlyList<UpdateReminder> page;
            do
            {
                page = await _cases.RaiseDueRemindersAsync(Actor.SystemActor, PageSize, cancellationToken).ConfigureAwait(false);
                all.AddRange(page);
            }
            while (page.Count == PageSize);

            await _cases.CloseResolvedCasesAsync(Actor.SystemActor, cancellationToken).ConfigureAwait(false);
            return all;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-pass. Reminders this pass already marked as raised will not reach
            // the (departing) consumer; ListUpdatesDueAsync still shows every overdue case.
            return null;
        }
    }

    private static async Task<bool> WaitForTickAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down is the normal way out of the loop, not an error.
            return false;
        }
    }
}
