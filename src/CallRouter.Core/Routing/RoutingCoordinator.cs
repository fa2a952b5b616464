using System.Threading.Channels;
using CallRouter.Core.Cases;
using CallRouter.Core.Persistence;
using CallRouter.Routing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <summary>
/// Hosts the single-threaded <see cref="RoutingEngine"/> for the gRPC services: serialises
/// every operation behind one lock, drives the engine's deadlines with a timer from the
/// injected <see cref="TimeProvider"/>, and fans routing events out to the gateway's call
/// streams and the agents' console streams.
/// </summary>
public sealed partial class RoutingCoordinator : IDisposable
{
    private readonly Lock _gate = new();
    private readonly RoutingEngine _engine;
    private readonly TimeProvider _time;
    private readonly RoutingHostOptions _options;
    private readonly CoreRepository _repository;
    private readonly CallRouterMetrics _metrics;
    private readonly ILogger<RoutingCoordinator> _logger;
    private readonly ITimer _deadlineTimer;
    private readonly ITimer _positionTimer;
    private readonly Dictionary<string, TrackedCall> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _agentNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _logoutWhenIdle = [];

    // Reused by every announcement round (filled under the lock).
    private readonly List<WaitingCall> _waitingCalls = [];

    // Agent id -> the call it is wrapping up (set when the engine ends the agent's call).
    private readonly Dictionary<string, string> _wrapUpCalls = new(StringComparer.OrdinalIgnoreCase);
    private ICaseRecorder? _caseRecorder;

    public RoutingCoordinator(
        RoutingHostOptions options,
        TimeProvider time,
        CoreRepository repository,
        CallRouterMetrics metrics,
        ILogger<RoutingCoordinator> logger)
    {
        _options = options;
        _time = time;
        _repository = repository;
        _metrics = metrics;
        _logger = logger;
        _engine = new RoutingEngine(options.ToEngineOptions(), time, new EventSink(this));
        _deadlineTimer = time.CreateTimer(_ => OnDeadline(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _positionTimer = time.CreateTimer(_ => AnnouncePositions(), null, options.PositionUpdateInterval, options.PositionUpdateInterval);
        metrics.ObserveWaiting(() => { lock (_gate) { return _engine.WaitingCount; } });
    }

    public TimeProvider Time => _time;

    /// <summary>Wires the case side in: call endings and wrap-ups are handed to it from now on.</summary>
    public void UseCaseRecorder(ICaseRecorder recorder) => _caseRecorder = recorder;

    /// <summary>
    /// Validates a call's context and says whether its model is eligible, without queueing it;
    /// bad context and a duplicate call id are refused here, before any case work is done.
    /// </summary>
    public IntakeCheck CheckIntake(Proto.CallContext? context)
    {
        if (context is null)
        {
            throw RoutingFailures.Invalid("context is required");
        }

        if (string.IsNullOrWhiteSpace(context.CallId))
        {
            throw RoutingFailures.Invalid("context.call_id is required");
        }

        if (string.IsNullOrWhiteSpace(context.MachineModel))
        {
            throw RoutingFailures.Invalid("context.machine_model is required");
        }

        if (!MachineModelNames.TryParse(context.MachineModel, out MachineModel model))
        {
            throw RoutingFailures.Invalid($"unknown machine model '{Truncate(context.MachineModel)}' (expected NS-5, NS Remote, NS10 or NS100)");
        }

        if (context.Severity is < 1 or > 4)
        {
            throw RoutingFailures.Invalid($"severity must be 1 to 4, got {context.Severity}");
        }

        AgentLevel level = context.Level == Proto.SupportLevel.Unspecified ? AgentLevel.L1 : context.Level.ToDomain();
        if (level == AgentLevel.Unspecified)
        {
            throw RoutingFailures.Invalid("context.level must be L1 or L2");
        }

        lock (_gate)
        {
            if (_calls.ContainsKey(context.CallId))
            {
                throw RoutingFailures.Precondition($"call '{Truncate(context.CallId)}' is already registered");
            }

            return new IntakeCheck(model, level, _engine.IsEligible(model));
        }
    }

    /// <summary>
    /// Queues a call from the gateway, or says it goes back to the manufacturer.
    /// <paramref name="caseSummary"/> is what agents are offered about the call's case.
    /// </summary>
    public Proto.RegisterCallResponse RegisterCall(Proto.CallContext? context, Proto.CaseSummary? caseSummary = null)
    {
        (MachineModel model, AgentLevel level, _) = CheckIntake(context);
        ArgumentNullException.ThrowIfNull(context);

        lock (_gate)
        {
            if (_calls.ContainsKey(context.CallId))
            {
                throw RoutingFailures.Precondition($"call '{Truncate(context.CallId)}' is already registered");
            }

            if (!_engine.IsEligible(model))
            {
                _metrics.CallReturned();
                _repository.SaveCallRecord(new CallRecord(context.CallId, model, context.Severity, context.CustomerAccount,
                    context.ProblemNumber, context.FromManufacturer, "returned", null, TimeSpan.Zero, TimeSpan.Zero, _time.GetUtcNow()));
                return new Proto.RegisterCallResponse
                {
                    CallId = context.CallId,
                    MachineModel = model.ToProto(),
                    ReturnedToManufacturer = true,
                    Reason = $"{MachineModelNames.ToDisplayName(model)} is not on the eligible machine list",
                };
            }

            // Agents and reports see the manufacturer's spelling, whatever the switch sent.
            Proto.CallContext normalised = context.Clone();
            normalised.MachineModel = MachineModelNames.ToDisplayName(model);
            normalised.Level = level.ToProto();
            var tracked = new TrackedCall(normalised, model, level, _time.GetUtcNow()) { CaseSummary = caseSummary };
            _calls.Add(context.CallId, tracked);
            RoutingResult result = _engine.EnqueueCall(new CallRequest(context.CallId, model, context.Severity, level));
            if (!result.IsSuccess)
            {
                _calls.Remove(context.CallId);
                RoutingFailures.ThrowIfFailed(result);
            }

            _metrics.CallRegistered();
            CallSnapshot? snapshot = _engine.GetCall(context.CallId);
            AfterOperation();
            return new Proto.RegisterCallResponse
            {
                CallId = context.CallId,
                MachineModel = model.ToProto(),
                Queue = ProtoMapping.QueueKey(model, context.Severity, level),
                Position = snapshot?.Position ?? 0,
                ExpectedWait = Duration.FromTimeSpan(snapshot?.ExpectedWait ?? TimeSpan.Zero),
            };
        }
    }

    /// <summary>The stream of routing events of a registered call; one watcher per call.</summary>
    public ChannelReader<Proto.RoutingEvent> WatchCall(string callId)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out TrackedCall? tracked))
            {
                throw RoutingFailures.NotFound($"no call '{Truncate(callId)}' is being routed");
            }

            if (tracked.Watched)
            {
                throw RoutingFailures.Precondition($"call '{Truncate(callId)}' is already being watched");
            }

            tracked.Watched = true;
            return tracked.Events;
        }
    }

    public void Dispose()
    {
        _deadlineTimer.Dispose();
        _positionTimer.Dispose();
    }

    /// <summary>Runs after every engine operation, still under the lock.</summary>
    private void AfterOperation()
    {
        // Agents whose console went away while they were busy are logged out as soon as the engine allows it.
        for (int i = _logoutWhenIdle.Count - 1; i >= 0; i--)
        {
            string agentId = _logoutWhenIdle[i];
            if (_sessions.ContainsKey(agentId) || _engine.LogOut(agentId).IsSuccess
                || _engine.GetAgent(agentId) is null or { State: AgentState.Offline })
            {
                _logoutWhenIdle.RemoveAt(i);
            }
        }

        DateTimeOffset? next = _engine.NextDeadline;
        TimeSpan due = next is null ? Timeout.InfiniteTimeSpan : Max(next.Value - _time.GetUtcNow(), TimeSpan.Zero);
        _deadlineTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void OnDeadline()
    {
        lock (_gate)
        {
            _engine.Tick();
            AfterOperation();
        }
    }

    /// <summary>
    /// Every position-update interval, each waiting caller's position and expected wait go to the
    /// gateway. Under the lock only one engine pass over the waiting calls and a copy of the tracked
    /// calls they belong to; the messages are built and posted outside it. A call that heard anything
    /// since (an offer, a connect) skips its now stale announcement: see <see cref="TrackedCall.PostIfNothingSince"/>.
    /// </summary>
    private void AnnouncePositions()
    {
        Announcement[] announcements;
        int count = 0;
        lock (_gate)
        {
            _engine.CopyWaitingCalls(_waitingCalls);
            announcements = new Announcement[_waitingCalls.Count];
            foreach (WaitingCall waiting in _waitingCalls)
            {
                if (_calls.TryGetValue(waiting.CallId, out TrackedCall? call))
                {
                    announcements[count++] = new Announcement(call, call.Posted, waiting);
                }
            }

            AfterOperation();
        }

        for (int i = 0; i < count; i++)
        {
            (TrackedCall call, long posted, WaitingCall w) = announcements[i];
            call.PostIfNothingSince(posted, QueuedEvent(w.CallId, w.Model, w.Severity, w.Level, w.Position, w.ExpectedWait));
        }
    }

    private Proto.RoutingEvent QueuedEvent(string callId, MachineModel model, int severity, AgentLevel level, int position, TimeSpan expectedWait) => new()
    {
        CallId = callId,
        At = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
        Queued = new Proto.CallQueued
        {
            Queue = ProtoMapping.QueueKey(model, severity, level),
            Position = position,
            ExpectedWait = Duration.FromTimeSpan(expectedWait),
        },
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>A waiting call's figures and how many events its stream had when they were taken.</summary>
    private readonly record struct Announcement(TrackedCall Call, long Posted, WaitingCall Waiting);

    /// <summary>Client-supplied text echoed in errors is cut short so a hostile value cannot flood logs.</summary>
    internal static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
