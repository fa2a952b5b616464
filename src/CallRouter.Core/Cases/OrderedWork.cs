namespace CallRouter.Core.Cases;

/// <summary>
/// Runs asynchronous work one item at a time per key (a call id), in the order it was
/// enqueued, while different keys run concurrently. The routing lock only enqueues; the
/// case store is awaited here, off the lock. A failed item is reported to its own caller and
/// does not stop the items queued after it.
/// </summary>
internal sealed class OrderedWork
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);

    public Task Enqueue(string key, Func<Task> work)
    {
        lock (_gate)
        {
            Task previous = _tails.GetValueOrDefault(key) ?? Task.CompletedTask;
            Task next = RunAfterAsync(previous, work);
            _tails[key] = next;
            _ = next.ContinueWith(_ => Forget(key, next), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return next;
        }
    }

    private static async Task RunAfterAsync(Task previous, Func<Task> work)
    {
        // Never run the caller's work inline: the caller may hold the routing lock.
        await Task.Yield();
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await work().ConfigureAwait(false);
    }

    private void Forget(string key, Task finished)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(key, out Task? tail) && ReferenceEquals(tail, finished))
            {
                _tails.Remove(key);
            }
        }
    }
}
