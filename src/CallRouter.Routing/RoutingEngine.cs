using CallRouter.Routing.Internal;

namespace CallRouter.Routing;

/// <summary>
/// The routing engine: queues by model × severity × level, agents with skills and states, offers, overflow,
/// wrap-up and statistics. Pure domain: no I/O, no threads, no timers. Time comes only from the injected
/// <see cref="TimeProvider"/>; the host calls <see cref="Tick"/> at <see cref="NextDeadline"/> (every other
/// operation also processes whatever is due first). Not thread-safe: the host serialises all calls.
/// Every refused operation returns a typed <see cref="RoutingResult"/> and changes nothing (beyond processing
/// what was already due).
/// </summary>
public sealed partial class RoutingEngine
{
    private const int SeverityCount = 4;
    private const int LevelCount = 2;

    // Slot 4 of each level's available lists holds every available agent of the level, whatever their models.
    private const int AnyModelSlot = AgentEntry.ModelCount;
    private const int SlotsPerLevel = AgentEntry.ModelCount + 1;

    private readonly TimeProvider _time;
    private readonly IRoutingEventSink _sink;
    private readonly long _offerTimeoutTicks;
    private readonly long _wrapUpTicks;
    private readonly int _maxMissedOffers;
    private readonly bool _declineSetsNotReady;
    private readonly double[] _headStartSeconds = new double[SeverityCount];
    private readonly double _ageingRate;
    private readonly double _handleTimeSmoothing;
    private readonly long _epochTicks;

    private readonly CallQueue[] _queues = new CallQueue[AgentEntry.ModelCount * SeverityCount * LevelCount];
    private readonly CompiledPolicy[] _policies = new CompiledPolicy[SeverityCount];
    private readonly bool[] _eligible = new bool[AgentEntry.ModelCount + 1];
    private readonly Dictionary<string, CallEntry> _calls;
    private readonly Stack<CallEntry> _callPool;
    private readonly Dictionary<string, AgentEntry> _agents;
    private readonly AgentList[] _available = new AgentList[LevelCount * SlotsPerLevel];
    private readonly int[] _staffed = new int[LevelCount * SlotsPerLevel];
    private readonly AgentList _pendingOffers = new();
    private readonly AgentList _wrapUps = new();

    private long _callSequence;
    private long _availableSequence;
    private long _overflowDeadlineTicks = long.MaxValue;
    private bool _overflowDeadlineStale;
    private double _averageHandleTicks;

    /// <summary>Creates an engine with no agents and no calls.</summary>
    /// <param name="options">Configuration; validated here (throws <see cref="ArgumentException"/> when malformed).</param>
    /// <param name="timeProvider">The only source of time.</param>
    /// <param name="sink">Receives every routing outcome synchronously.</param>
    public RoutingEngine(RoutingOptions options, TimeProvider timeProvider, IRoutingEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(sink);
        ValidateOptions(options);

        _time = timeProvider;
        _sink = sink;
        _offerTimeoutTicks = options.OfferTimeout.Ticks;
        _wrapUpTicks = options.WrapUpTime.Ticks;
        _maxMissedOffers = options.MaxMissedOffers;
        _declineSetsNotReady = options.DeclineSetsNotReady;
        _ageingRate = options.AgeingRate;
        _handleTimeSmoothing = options.HandleTimeSmoothing;
        _averageHandleTicks = options.DefaultHandleTime.Ticks;
        for (var s = 0; s < SeverityCount; s++)
        {
            _headStartSeconds[s] = options.SeverityHeadStart[s].TotalSeconds;
            _policies[s] = new CompiledPolicy(options.OverflowPolicies[s]);
        }

        foreach (var model in options.EligibleModels)
        {
            _eligible[(int)model] = true;
        }

        for (var model = 1; model <= AgentEntry.ModelCount; model++)
        {
            for (var severity = 1; severity <= SeverityCount; severity++)
            {
                for (var level = 1; level <= LevelCount; level++)
                {
                    _queues[QueueIndex((MachineModel)model, severity, (AgentLevel)level)] =
                        new CallQueue((MachineModel)model, severity, (AgentLevel)level);
                }
            }
        }

        for (var i = 0; i < _available.Length; i++)
        {
            _available[i] = new AgentList();
        }

        _calls = new Dictionary<string, CallEntry>(options.InitialCallCapacity, StringComparer.Ordinal);
        _callPool = new Stack<CallEntry>(options.InitialCallCapacity);
        for (var i = 0; i < options.InitialCallCapacity; i++)
        {
            _callPool.Push(new CallEntry());
        }

        _agents = new Dictionary<string, AgentEntry>(options.InitialAgentCapacity, StringComparer.Ordinal);
        var now = _time.GetUtcNow().UtcTicks;
        _epochTicks = now;
        StartDay(now);
    }

    /// <summary>Models currently on the eligible list.</summary>
    public IReadOnlyCollection<MachineModel> EligibleModels =>
        Enumerable.Range(1, AgentEntry.ModelCount).Where(m => _eligible[m]).Select(m => (MachineModel)m).ToArray();

    /// <summary>Number of calls waiting in queues (offered and connected calls excluded).</summary>
    public int WaitingCount
    {
        get
        {
            var count = 0;
            foreach (var queue in _queues)
            {
                count += queue.Count;
            }

            return count;
        }
    }

    /// <summary>
    /// Earliest instant at which <see cref="Tick"/> has something to do (offer time-out, wrap-up end, overflow
    /// step), or null when nothing is pending. Changes after every operation; the host re-reads it each time.
    /// </summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            var ticks = NextDeadlineTicks();
            return ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Processes everything due at the current time: offer time-outs, wrap-up ends and overflow steps, then makes the offers they allow.</summary>
    public void Tick() => ProcessDue(Now());

    private static int QueueIndex(MachineModel model, int severity, AgentLevel level) =>
        ((((int)model - 1) * SeverityCount) + (severity - 1)) * LevelCount + ((int)level - 1);

    private static int SlotIndex(AgentLevel level, int slot) => (((int)level - 1) * SlotsPerLevel) + slot;

    private static void ValidateOptions(RoutingOptions options)
    {
        if (options.OfferTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("OfferTimeout must be positive.", nameof(options));
        }

        if (options.WrapUpTime < TimeSpan.Zero)
        {
            throw new ArgumentException("WrapUpTime must not be negative.", nameof(options));
        }

        if (options.MaxMissedOffers < 1)
        {
            throw new ArgumentException("MaxMissedOffers must be at least 1.", nameof(options));
        }

        if (options.SeverityHeadStart is null || options.SeverityHeadStart.Count != SeverityCount)
        {
            throw new ArgumentException("SeverityHeadStart needs one entry per severity 1–4.", nameof(options));
        }

        if (!(options.AgeingRate > 0) || double.IsInfinity(options.AgeingRate))
        {
            throw new ArgumentException("AgeingRate must be positive, or calls could starve.", nameof(options));
        }

        if (!(options.HandleTimeSmoothing > 0 && options.HandleTimeSmoothing <= 1))
        {
            throw new ArgumentException("HandleTimeSmoothing must be in (0, 1].", nameof(options));
        }

        if (options.DefaultHandleTime <= TimeSpan.Zero || options.InitialCallCapacity < 0 || options.InitialAgentCapacity < 0)
        {
            throw new ArgumentException("DefaultHandleTime must be positive and capacities not negative.", nameof(options));
        }

        if (options.OverflowPolicies is null || options.OverflowPolicies.Count != SeverityCount)
        {
            throw new ArgumentException("OverflowPolicies needs one policy per severity 1–4.", nameof(options));
        }

        foreach (var policy in options.OverflowPolicies)
        {
            var problem = policy is null ? "an overflow policy is missing" : policy.Validate();
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(options));
            }
        }

        var eligibleProblem = ValidateModels(options.EligibleModels);
        if (eligibleProblem is not null)
        {
            throw new ArgumentException(eligibleProblem, nameof(options));
        }
    }

    private static string? ValidateModels(IEnumerable<MachineModel>? models)
    {
        if (models is null)
        {
            return "the model list is missing";
        }

        foreach (var model in models)
        {
            if (model is < MachineModel.Ns5 or > MachineModel.Ns100)
            {
                return $"'{model}' is not a machine model";
            }
        }

        return null;
    }

    private long Now() => _time.GetUtcNow().UtcTicks;

    private long NextDeadlineTicks()
    {
        var next = OverflowDeadlineTicks();
        if (_pendingOffers.Head is { } offer && offer.Agent.DeadlineTicks < next)
        {
            next = offer.Agent.DeadlineTicks;
        }

        if (_wrapUps.Head is { } wrapUp && wrapUp.Agent.DeadlineTicks < next)
        {
            next = wrapUp.Agent.DeadlineTicks;
        }

        return next;
    }

    private long OverflowDeadlineTicks()
    {
        if (!_overflowDeadlineStale)
        {
            return _overflowDeadlineTicks;
        }

        var next = long.MaxValue;
        foreach (var queue in _queues)
        {
            if (queue.Head is null)
            {
                continue;
            }

            var policy = _policies[queue.Severity - 1];
            for (var step = 1; step <= policy.StepCount; step++)
            {
                if (queue.Cursor(step) is { } call)
                {
                    var due = call.EnqueuedTicks + policy.AfterTicks(step);
                    if (due < next)
                    {
                        next = due;
                    }
                }
            }
        }

        _overflowDeadlineTicks = next;
        _overflowDeadlineStale = false;
        return next;
    }

    /// <summary>
    /// Runs at the start of every operation: whatever fell due since the last one is processed before the
    /// operation looks at the state, so a late <see cref="Tick"/> never changes a decision.
    /// </summary>
    private void ProcessDue(long now)
    {
        RollDayIfNeeded(now);
        if (NextDeadlineTicks() > now)
        {
            return;
        }

        while (_pendingOffers.Head is { } offer && offer.Agent.DeadlineTicks <= now)
        {
            ExpireOffer(offer.Agent, now);
        }

        while (_wrapUps.Head is { } wrapUp && wrapUp.Agent.DeadlineTicks <= now)
        {
            var agent = wrapUp.Agent;
            EndWrapUp(agent, now);
            MakeAvailable(agent, now);
        }

        AnnounceOverflowSteps(now);
        Settle(now);
    }

    private void AnnounceOverflowSteps(long now)
    {
        if (OverflowDeadlineTicks() > now)
        {
            return;
        }

        foreach (var queue in _queues)
        {
            var policy = _policies[queue.Severity - 1];
            for (var step = 1; step <= policy.StepCount; step++)
            {
                while (queue.Cursor(step) is { } call && call.EnqueuedTicks + policy.AfterTicks(step) <= now)
                {
                    if (call.AnnouncedStep < step)
                    {
                        call.AnnouncedStep = step;
                        EmitCall(RoutingEventKind.CallOverflowed, call, now, overflowStep: step);
                    }

                    queue.AdvanceCursor(step, call.Next);
                }
            }
        }

        _overflowDeadlineStale = true;
    }
}
