using CallRouter.Routing;

namespace CallRouter.Benchmarks.Routing;

/// <summary>
/// A desk at the benchmark's size — 10,000 waiting calls and 2,000 agents over 4 models × 4 severities × 2
/// levels — and the two steady-state cycles measured on it. Each cycle makes one routing decision and then puts
/// the desk back in the same shape (same number of waiting calls, busy and available agents), so every
/// invocation measures the same situation and, once warm, allocates nothing.
/// </summary>
internal sealed class RoutingDesk
{
    public const int WaitingCalls = 10_000;
    public const int AgentCount = 2_000;

    // Virtual time per cycle: with one call served per cycle, 10,000 waiting calls wait ~100 s on average, so
    // overflow steps are crossed (and processed) as part of the steady state.
    private static readonly long StepTicks = TimeSpan.FromMilliseconds(10).Ticks;

    private readonly BenchmarkClock _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly OfferCollector _sink = new();
    private readonly RoutingEngine _engine;
    private readonly string[] _agentIds = new string[AgentCount];
    private readonly Dictionary<string, int> _agentIndex = new(AgentCount, StringComparer.Ordinal);
    private readonly string?[] _agentCall = new string?[AgentCount];
    private readonly Queue<string> _freeCallIds;
    private uint _random = 2_463_534_242;
    private int _nextAgent;

    private RoutingDesk(RoutingOptions options)
    {
        _engine = new RoutingEngine(options, _clock, _sink);
        _freeCallIds = new Queue<string>(options.InitialCallCapacity);
        for (var i = 0; i < options.InitialCallCapacity; i++)
        {
            _freeCallIds.Enqueue($"call-{i:D5}");
        }
    }

    public RoutingEngine Engine => _engine;

    /// <summary>
    /// Every agent on a call, 10,000 calls waiting, default overflow policies. Cycle: an agent's call ends (no
    /// wrap-up) and the engine chooses the best waiting call the agent qualifies for.
    /// </summary>
    public static RoutingDesk AllAgentsBusy()
    {
        var desk = new RoutingDesk(Options(new RoutingOptions()));
        for (var i = 0; i < AgentCount; i++)
        {
            var level = i % 10 < 7 ? AgentLevel.L1 : AgentLevel.L2;
            desk.AddBusyAgent(i, level, [(MachineModel)(1 + (i % 4)), (MachineModel)(1 + ((i / 4) % 4))]);
        }

        desk.FillQueues(modelCount: 4);
        return desk;
    }

    /// <summary>
    /// 1,500 agents (NS-5, NS Remote, NS10) on calls with 10,000 such calls waiting, and 500 NS100 specialists
    /// available; overflow off so that the two pools stay apart. Cycle: an NS100 call arrives and the engine
    /// chooses the NS100 agent available longest.
    /// </summary>
    public static RoutingDesk NS100AgentsFree()
    {
        var specialistsOnly = new OverflowPolicy([]);
        var desk = new RoutingDesk(Options(new RoutingOptions
        {
            OverflowPolicies = [specialistsOnly, specialistsOnly, specialistsOnly, specialistsOnly],
        }));
        const int Busy = 1_500;
        for (var i = 0; i < Busy; i++)
        {
            var level = i % 10 < 7 ? AgentLevel.L1 : AgentLevel.L2;
            desk.AddBusyAgent(i, level, [(MachineModel)(1 + (i % 3)), (MachineModel)(1 + ((i / 3) % 3))]);
        }

        for (var i = Busy; i < AgentCount; i++)
        {
            desk.AddAgent(i, i % 2 == 0 ? AgentLevel.L1 : AgentLevel.L2, [MachineModel.Ns100]);
            Check(desk._engine.SetAvailable(desk._agentIds[i]));
        }

        desk.FillQueues(modelCount: 3);
        return desk;
    }

    /// <summary>Agent frees → call chosen; then the agent accepts and a new call replaces the one taken.</summary>
    /// <returns>Offers made so far (keeps the work observable).</returns>
    public long AgentFreesCycle()
    {
        _clock.Advance(StepTicks);
        var agent = _nextAgent;
        _nextAgent = (agent + 1) % AgentCount;
        if (_agentCall[agent] is { } callId)
        {
            _agentCall[agent] = null;
            Check(_engine.EndCall(callId));
            _freeCallIds.Enqueue(callId);
            AcceptOffers();
        }

        EnqueueRandomCall(modelCount: 4);
        AcceptOffers();
        return _sink.OfferCount;
    }

    /// <summary>Call arrives → agent chosen; then the caller hangs up during the offer and the agent is free again.</summary>
    /// <returns>Offers made so far.</returns>
    public long CallArrivesCycle()
    {
        _clock.Advance(StepTicks);
        var callId = _freeCallIds.Dequeue();
        var severity = 1 + (int)(Next() % 4);
        var level = Next() % 5 == 0 ? AgentLevel.L2 : AgentLevel.L1;
        Check(_engine.EnqueueCall(new CallRequest(callId, MachineModel.Ns100, severity, level)));
        if (_sink.PendingOffers != 1)
        {
            throw new InvalidOperationException("an NS100 specialist should have been free");
        }

        _sink.Drain();
        Check(_engine.AbandonCall(callId));
        _freeCallIds.Enqueue(callId);
        return _sink.OfferCount;
    }

    private static RoutingOptions Options(RoutingOptions baseline) => new()
    {
        OverflowPolicies = baseline.OverflowPolicies,
        WrapUpTime = TimeSpan.Zero,
        OfferTimeout = TimeSpan.FromHours(1),
        InitialCallCapacity = 16_384,
        InitialAgentCapacity = AgentCount,
    };

    private static void Check(RoutingResult result)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(result.ToString());
        }
    }

    private void AddAgent(int index, AgentLevel level, MachineModel[] models)
    {
        var id = $"agent-{index:D4}";
        _agentIds[index] = id;
        _agentIndex[id] = index;
        Check(_engine.AddAgent(id, new AgentSkills(level, models)));
        Check(_engine.LogIn(id));
    }

    /// <summary>Makes the agent the only one available, gives them a matching call and accepts it.</summary>
    private void AddBusyAgent(int index, AgentLevel level, MachineModel[] models)
    {
        AddAgent(index, level, models);
        Check(_engine.SetAvailable(_agentIds[index]));
        Check(_engine.EnqueueCall(new CallRequest(_freeCallIds.Dequeue(), models[0], 1 + (index % 4), level)));
        AcceptOffers();
        if (_agentCall[index] is null)
        {
            throw new InvalidOperationException($"agent {index} did not get its call");
        }
    }

    private void FillQueues(int modelCount)
    {
        for (var i = 0; i < WaitingCalls; i++)
        {
            EnqueueRandomCall(modelCount);
            if (_sink.PendingOffers != 0)
            {
                throw new InvalidOperationException("every agent should be busy while the queues fill");
            }
        }
    }

    private void EnqueueRandomCall(int modelCount)
    {
        var model = (MachineModel)(1 + (int)(Next() % (uint)modelCount));
        var severity = 1 + (int)(Next() % 4);
        var level = Next() % 5 == 0 ? AgentLevel.L2 : AgentLevel.L1;
        Check(_engine.EnqueueCall(new CallRequest(_freeCallIds.Dequeue(), model, severity, level)));
    }

    private void AcceptOffers()
    {
        for (var i = 0; i < _sink.PendingOffers; i++)
        {
            var (agentId, callId) = _sink.Offer(i);
            Check(_engine.AcceptOffer(agentId, callId));
            _agentCall[_agentIndex[agentId]] = callId;
        }

        _sink.Drain();
    }

    /// <summary>xorshift32: a fixed, allocation-free sequence so every run routes the same calls.</summary>
    private uint Next()
    {
        var x = _random;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _random = x;
        return x;
    }
}
