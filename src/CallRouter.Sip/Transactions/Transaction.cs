using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Transactions;

/// <summary>
/// Shared plumbing for the four §17 machines: one lock, RFC-named timers from the injected
/// <see cref="TimeProvider"/>, and effects (calls to the transaction user) run after the lock is released
/// so a user calling back into another transaction can never deadlock.
/// </summary>
public abstract class Transaction
{
    private readonly object _gate = new();
    private readonly ITimer?[] _timers = new ITimer?[Enum.GetValues<TransactionTimer>().Length];
    private readonly int[] _generations = new int[Enum.GetValues<TransactionTimer>().Length];
    private readonly ITransactionContext _context;
    private List<Action>? _effects;

    private protected Transaction(ITransactionContext context, string key, SipMessage request, SipEndPoint remote)
    {
        _context = context;
        Key = key;
        Request = request;
        Remote = remote;
    }

    /// <summary>The matching key (RFC 3261 §17.1.3 / §17.2.3).</summary>
    public string Key { get; }

    /// <summary>The request that created the transaction.</summary>
    public SipMessage Request { get; }

    /// <summary>Where requests go (client) or where the request came from (server).</summary>
    public SipEndPoint Remote { get; }

    public TransactionState State { get; private set; }

    /// <summary>The timers currently running, for tests and diagnostics.</summary>
    public IReadOnlyList<TransactionTimer> ActiveTimers
    {
        get
        {
            lock (_gate)
            {
                return Enumerable.Range(0, _timers.Length).Where(i => _timers[i] is not null).Select(i => (TransactionTimer)i).ToArray();
            }
        }
    }

    private protected TransactionOptions Options => _context.Options;

    private protected bool Reliable => Remote.IsReliable;

    /// <summary>The single entry point: network messages, requests from the user, timers and transport errors.</summary>
    public void Handle(TransactionInput input) => Execute(() => HandleCore(input));

    /// <summary>Runs <paramref name="core"/> under the lock, then the effects it queued.</summary>
    private protected void Execute(Action core)
    {
        List<Action>? effects;
        lock (_gate)
        {
            if (State == TransactionState.Terminated) return;
            core();
            effects = _effects;
            _effects = null;
        }

        if (effects is null) return;
        foreach (var effect in effects) effect();
    }

    private protected abstract void HandleCore(TransactionInput input);

    private protected void SetState(TransactionState state) => State = state;

    /// <summary>Runs <paramref name="effect"/> once the current input has been handled and the lock released.</summary>
    private protected void After(Action effect) => (_effects ??= []).Add(effect);

    private protected void StartTimer(TransactionTimer timer, TimeSpan due)
    {
        StopTimer(timer);
        int generation = ++_generations[(int)timer];
        if (due <= TimeSpan.Zero)
        {
            // Zero-length timers (reliable transports) fire as soon as this input is done.
            _timers[(int)timer] = NoTimer.Instance;
            After(() => OnTimer(timer, generation));
            return;
        }

        _timers[(int)timer] = _context.Time.CreateTimer(_ => OnTimer(timer, generation), null, due, Timeout.InfiniteTimeSpan);
    }

    private protected void StopTimer(TransactionTimer timer)
    {
        _timers[(int)timer]?.Dispose();
        _timers[(int)timer] = null;
        _generations[(int)timer]++;
    }

    private protected void Terminate()
    {
        State = TransactionState.Terminated;
        for (int i = 0; i < _timers.Length; i++) StopTimer((TransactionTimer)i);
        After(() => _context.OnTerminated(this));
    }

    private protected void SendRequest(SipMessage request) => Observe(_context.Sender.SendAsync(request, Remote));

    private protected void SendResponse(SipMessage response) => Observe(_context.Sender.SendResponseAsync(response, Remote));

    private void OnTimer(TransactionTimer timer, int generation)
    {
        List<Action>? effects;
        lock (_gate)
        {
            // A timer stopped or restarted after this callback was queued is stale.
            if (State == TransactionState.Terminated || _generations[(int)timer] != generation) return;
            _timers[(int)timer]?.Dispose();
            _timers[(int)timer] = null;
            HandleCore(TransactionInput.Fired(timer));
            effects = _effects;
            _effects = null;
        }

        if (effects is null) return;
        foreach (var effect in effects) effect();
    }

    private void Observe(ValueTask<bool> send)
    {
        if (send.IsCompletedSuccessfully)
        {
            if (!send.Result) After(() => Handle(TransactionInput.TransportFailed()));
            return;
        }

        _ = ObserveAsync(send);
    }

    private async Task ObserveAsync(ValueTask<bool> send)
    {
        if (!await send.ConfigureAwait(false)) Handle(TransactionInput.TransportFailed());
    }

    /// <summary>Stands in for a zero-length timer so <see cref="ActiveTimers"/> still lists it until it fires.</summary>
    private sealed class NoTimer : ITimer
    {
        public static readonly NoTimer Instance = new();

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
