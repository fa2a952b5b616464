using System.Text;

namespace CallRouter.Media.Dtmf;

/// <summary>
/// Collects DTMF digits for an IVR step with first-digit, inter-digit and overall time-outs,
/// all on the injected <see cref="TimeProvider"/>. Digits arrive through <see cref="Add"/> from
/// any source (RFC 4733 receiver, SIP INFO); digits pressed while no collection is running are
/// kept as type-ahead. One collection at a time. Thread-safe.
/// </summary>
public sealed class DigitCollector : IDisposable
{
    private const int MaxTypeAhead = 32;

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Queue<char> _typeAhead = new();
    private Collection? _active;

    public DigitCollector(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Feeds one digit. Unknown characters are ignored.</summary>
    public void Add(char digit)
    {
        if (!DtmfDigit.IsValid(digit))
        {
            return;
        }

        digit = char.ToUpperInvariant(digit);
        lock (_lock)
        {
            if (_active is null)
            {
                if (_typeAhead.Count == MaxTypeAhead)
                {
                    _typeAhead.Dequeue();
                }

                _typeAhead.Enqueue(digit);
                return;
            }

            Accept(_active, digit);
        }
    }

    /// <summary>Forgets type-ahead digits, e.g. before a question whose answer must not be guessed ahead.</summary>
    public void ClearTypeAhead()
    {
        lock (_lock)
        {
            _typeAhead.Clear();
        }
    }

    public Task<DigitCollectionResult> CollectAsync(DigitCollectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDigits, 1);
        lock (_lock)
        {
            if (_active is not null)
            {
                throw new InvalidOperationException("A digit collection is already running on this call.");
            }

            var collection = new Collection(options);
            _active = collection;
            collection.Overall = _time.CreateTimer(_ => Expire(collection, overall: true), null, options.OverallTimeout, Timeout.InfiniteTimeSpan);
            collection.DigitTimer = _time.CreateTimer(_ => Expire(collection, overall: false), null, options.FirstDigitTimeout, Timeout.InfiniteTimeSpan);
            collection.Cancellation = cancellationToken.Register(() => Cancel(collection, cancellationToken));

            if (options.UseTypeAhead)
            {
                // Check completion before taking a digit: digits beyond this collection stay queued for the next one.
                while (!collection.Result.Task.IsCompleted && _typeAhead.TryDequeue(out var digit))
                {
                    Accept(collection, digit);
                }
            }
            else
            {
                _typeAhead.Clear();
            }

            return collection.Result.Task;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_active is { } active)
            {
                Finish(active);
                active.Result.TrySetException(new ObjectDisposedException(nameof(DigitCollector)));
            }
        }
    }

    // Called under _lock.
    private void Accept(Collection collection, char digit)
    {
        if (collection.Options.Terminators.Contains(digit, StringComparison.Ordinal))
        {
            Complete(collection, DigitCollectionOutcome.Terminated, digit);
            return;
        }

        collection.Digits.Append(digit);
        if (collection.Digits.Length >= collection.Options.MaxDigits)
        {
            Complete(collection, DigitCollectionOutcome.Completed, null);
            return;
        }

        collection.DigitTimer?.Change(collection.Options.InterDigitTimeout, Timeout.InfiniteTimeSpan);
    }

    private void Expire(Collection collection, bool overall)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_active, collection))
            {
                return;
            }

            var outcome = overall ? DigitCollectionOutcome.OverallTimeout
                : collection.Digits.Length == 0 ? DigitCollectionOutcome.FirstDigitTimeout
                : DigitCollectionOutcome.InterDigitTimeout;
            Complete(collection, outcome, null);
        }
    }

    private void Cancel(Collection collection, CancellationToken token)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_active, collection))
            {
                Finish(collection);
                collection.Result.TrySetCanceled(token);
            }
        }
    }

    private void Complete(Collection collection, DigitCollectionOutcome outcome, char? terminator)
    {
        Finish(collection);
        collection.Result.TrySetResult(new DigitCollectionResult(collection.Digits.ToString(), outcome, terminator));
    }

    private void Finish(Collection collection)
    {
        _active = null;
        collection.Overall?.Dispose();
        collection.DigitTimer?.Dispose();
        collection.Cancellation.Dispose();
    }

    private sealed class Collection(DigitCollectionOptions options)
    {
        public DigitCollectionOptions Options { get; } = options;

        public StringBuilder Digits { get; } = new();

        public TaskCompletionSource<DigitCollectionResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ITimer? Overall { get; set; }

        public ITimer? DigitTimer { get; set; }

        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
