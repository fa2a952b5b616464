using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Routing.Tests;

/// <summary>
/// Random sequences of everything the outside world can do to the engine — calls arriving, hanging up and
/// ending, agent legs failing after accept, transfers to L2, agents logging in and out, going available or not ready, accepting,
/// declining, ignoring offers, skill and policy changes, time passing with and without ticks — checked after
/// every step against the routing guarantees. Seeds are fixed so that every run explores the same sequences.
/// </summary>
public sealed class RoutingPropertyTests
{
    private const int AgentCount = 6;

    private static readonly Gen<Op[]> Operations =
        Gen.Select(Gen.Int[0, 16], Gen.Int[0, 1023], Gen.Int[0, 1023], Gen.Int[0, 1023], (kind, a, b, c) => new Op(kind, a, b, c))
            .Array[1, 160];

    private static readonly Gen<(int Level, int Models)[]> Skills =
        Gen.Select(Gen.Int[1, 2], Gen.Int[0, 15]).Array[AgentCount];

    [Fact]
    public void RandomEventSequences_AnyOrder_NoDoubleOfferNoLostCallNoUnskilledOffer()
    {
        var scenarios = Gen.Select(Skills, Operations);
        var seen = new Dictionary<string, int>();
        for (uint run = 0; run < 250; run++)
        {
            scenarios.Sample(
                (skills, ops) => new Scenario(skills, seen).Run(ops),
                seed: new PCG(run, 20261124).ToString(),
                iter: 1,
                threads: 1,
                print: s => string.Join(' ', s.Item2.Select(op => op.ToString())));
        }

        // The sequences must actually reach every path the properties are about, or they prove little.
        string[] paths =
        [
            "CallOffered", "CallAccepted", "CallEnded", "OfferExpired", "OfferDeclined", "CallAbandoned:queued",
            "CallAbandoned:offered", "CallTransferred", "CallAccepted:transferred", "CallRequeued:AgentLoggedOut", "CallRequeued:AgentLegFailed", "offer at step 1", "offer at step 2", "L2 helps L1",
            "missed offers", "duplicate refused",
        ];
        Assert.All(paths, path => Assert.True(seen.GetValueOrDefault(path) > 0, $"no sequence reached {path}"));
    }

    internal readonly record struct Op(int Kind, int A, int B, int C)
    {
        public override string ToString() => $"{Kind}:{A}:{B}:{C}";
    }

    /// <summary>One engine plus the test's own model of what must be true, fed by the engine's events.</summary>
    private sealed class Scenario : IRoutingEventSink
    {
        private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        private readonly RoutingEngine _engine;
        private readonly string[] _agentIds = Enumerable.Range(0, AgentCount).Select(i => $"agent-{i}").ToArray();
        private readonly Dictionary<string, AgentSkills> _skills = [];
        private readonly OverflowPolicy[] _policies;
        private readonly Dictionary<string, CallRequest> _live = [];
        private readonly Dictionary<string, DateTimeOffset> _enqueuedAt = [];
        private readonly HashSet<string> _everQueued = [];
        private readonly HashSet<string> _transferred = [];
        private readonly HashSet<string> _everAccepted = [];
        private int _abandonedUnanswered;
        private readonly List<WaitingCall> _waiting = [];
        private readonly Dictionary<string, string> _offeredTo = [];
        private readonly Dictionary<string, string> _connectedTo = [];
        private readonly List<string> _callIds = [];
        private readonly Dictionary<string, int> _seen;
        private int _nextCall;
        private readonly List<string> _log = [];
        private RoutingEvent _lastQueued;

        public Scenario((int Level, int Models)[] skills, Dictionary<string, int> seen)
        {
            _seen = seen;
            var options = new RoutingOptions
            {
                // Short time-outs so that random time steps cross every deadline kind.
                OfferTimeout = TimeSpan.FromSeconds(15),
                WrapUpTime = TimeSpan.FromSeconds(20),
                MaxMissedOffers = 2,
            };
            _policies = options.OverflowPolicies.ToArray();
            _engine = new RoutingEngine(options, _time, this);
            for (var i = 0; i < AgentCount; i++)
            {
                var models = Enumerable.Range(1, 4).Where(m => (skills[i].Models & (1 << (m - 1))) != 0).Select(m => (MachineModel)m).ToArray();
                var agentSkills = new AgentSkills((AgentLevel)skills[i].Level, models);
                Assert.True(_engine.AddAgent(_agentIds[i], agentSkills).IsSuccess);
                _skills[_agentIds[i]] = agentSkills;
            }
        }

        public void Run(Op[] ops)
        {
            foreach (var op in ops)
            {
                _log.Add($"OP {op} t={_time.GetUtcNow():mm:ss}");
                Apply(op);
                var problem = _engine.CheckInvariants();
                Assert.True(problem is null, $"after {op}: {problem}\n" + string.Join("\n", _log.TakeLast(60)) + "\nSKILLS " + string.Join(" ", _skills.Select(k => k.Key + "=" + k.Value.Level + ":" + string.Join(",", k.Value.Models))) + "\nPOL " + string.Join(" | ", _policies.Select(p => string.Join(",", p.Steps))));
                CheckNothingLost();
            }
        }

        public void Publish(in RoutingEvent e)
        {
            Count(e);
            _log.Add($"  {e.Kind} {e.CallId} {e.AgentId} {e.Model}/{e.Severity}/{e.Level} step={e.OverflowStep} st={e.AgentState} {e.Reason} {e.RequeueReason} at={e.At:mm:ss}");
            switch (e.Kind)
            {
                case RoutingEventKind.CallQueued:
                    _lastQueued = e;
                    Assert.True(_everQueued.Add(e.CallId!), $"{e.CallId} queued twice");
                    _enqueuedAt[e.CallId!] = e.At;
                    break;
                case RoutingEventKind.CallOffered:
                    Assert.False(_offeredTo.ContainsKey(e.CallId!), $"{e.CallId} offered to {e.AgentId} while offered to {_offeredTo.GetValueOrDefault(e.CallId!)}");
                    Assert.False(_connectedTo.ContainsKey(e.CallId!), $"{e.CallId} offered while connected");
                    Assert.DoesNotContain(e.AgentId!, _offeredTo.Values);
                    Assert.DoesNotContain(e.AgentId!, _connectedTo.Values);
                    CheckSkill(e);
                    _offeredTo[e.CallId!] = e.AgentId!;
                    break;
                case RoutingEventKind.OfferExpired or RoutingEventKind.OfferDeclined:
                    Assert.Equal(e.AgentId, _offeredTo[e.CallId!]);
                    _offeredTo.Remove(e.CallId!);
                    break;
                case RoutingEventKind.CallRequeued when e.RequeueReason == RequeueReason.AgentLegFailed:
                    Assert.Equal(e.AgentId, _connectedTo[e.CallId!]);
                    _connectedTo.Remove(e.CallId!);
                    break;
                case RoutingEventKind.CallRequeued when e.RequeueReason == RequeueReason.AgentLoggedOut:
                    // Logging out withdraws the offer without an OfferExpired/OfferDeclined of its own.
                    Assert.Equal(e.AgentId, _offeredTo[e.CallId!]);
                    _offeredTo.Remove(e.CallId!);
                    break;
                case RoutingEventKind.CallRequeued:
                    Assert.False(_offeredTo.ContainsKey(e.CallId!));
                    break;
                case RoutingEventKind.CallAccepted:
                    Assert.Equal(e.AgentId, _offeredTo[e.CallId!]);
                    _offeredTo.Remove(e.CallId!);
                    _connectedTo[e.CallId!] = e.AgentId!;
                    _everAccepted.Add(e.CallId!);
                    break;
                case RoutingEventKind.CallAbandoned:
                    Assert.Equal(e.AgentId, _offeredTo.GetValueOrDefault(e.CallId!));
                    _abandonedUnanswered += _transferred.Contains(e.CallId!) ? 0 : 1;
                    _offeredTo.Remove(e.CallId!);
                    Assert.True(_live.Remove(e.CallId!));
                    break;
                case RoutingEventKind.CallEnded:
                    Assert.Equal(e.AgentId, _connectedTo[e.CallId!]);
                    _connectedTo.Remove(e.CallId!);
                    Assert.True(_live.Remove(e.CallId!));
                    break;
                case RoutingEventKind.CallTransferred:
                    // The same call, now an L2 call whose overflow steps count from the transfer.
                    Assert.Equal(e.AgentId, _connectedTo[e.CallId!]);
                    Assert.Equal(AgentLevel.L1, _live[e.CallId!].Level);
                    Assert.Equal(AgentLevel.L2, e.Level);
                    _connectedTo.Remove(e.CallId!);
                    _live[e.CallId!] = _live[e.CallId!] with { Level = AgentLevel.L2 };
                    _enqueuedAt[e.CallId!] = e.At;
                    _transferred.Add(e.CallId!);
                    break;
            }
        }

        private void Count(in RoutingEvent e)
        {
            var path = e.Kind switch
            {
                RoutingEventKind.CallAbandoned => e.AgentId is null ? "CallAbandoned:queued" : "CallAbandoned:offered",
                RoutingEventKind.CallRequeued => $"CallRequeued:{e.RequeueReason}",
                RoutingEventKind.CallAccepted when _transferred.Contains(e.CallId!) => "CallAccepted:transferred",
                RoutingEventKind.AgentStateChanged when e.Reason == NotReadyReasons.MissedOffers => "missed offers",
                _ => e.Kind.ToString(),
            };
            _seen[path] = _seen.GetValueOrDefault(path) + 1;
            if (e.Kind == RoutingEventKind.CallOffered && e.OverflowStep > 0)
            {
                _seen[$"offer at step {e.OverflowStep}"] = _seen.GetValueOrDefault($"offer at step {e.OverflowStep}") + 1;
                if (e.Level == AgentLevel.L1 && _skills[e.AgentId!].Level == AgentLevel.L2)
                {
                    _seen["L2 helps L1"] = _seen.GetValueOrDefault("L2 helps L1") + 1;
                }
            }
        }

        /// <summary>The agent must qualify at the step claimed, and the call must have waited long enough for it.</summary>
        private void CheckSkill(in RoutingEvent e)
        {
            var call = _live[e.CallId!];
            var skills = _skills[e.AgentId!];
            var policy = _policies[call.Severity - 1];
            var waited = e.At - _enqueuedAt[e.CallId!];
            var step = e.OverflowStep;
            Assert.InRange(step, 0, policy.Steps.Count);
            Assert.True(step == 0 || policy.Steps[step - 1].After <= waited, $"{e.CallId} offered at step {step} after only {waited}");
            var anyModel = step > 0 && policy.Steps[step - 1].AnyModel;
            var higherLevel = step > 0 && policy.Steps[step - 1].HigherLevel;
            var levelOk = skills.Level == call.Level || (higherLevel && call.Level == AgentLevel.L1 && skills.Level == AgentLevel.L2);
            var modelOk = anyModel || skills.Models.Contains(call.Model);
            Assert.True(levelOk && modelOk, $"{e.CallId} ({call.Model}, {call.Level}, step {step}) offered to unqualified {e.AgentId} ({skills.Level}: {string.Join(',', skills.Models)})");
        }

        private void CheckNothingLost()
        {
            var queued = 0;
            foreach (var (callId, request) in _live)
            {
                var snapshot = _engine.GetCall(callId);
                Assert.NotNull(snapshot);
                Assert.Equal((request.Model, request.Level), (snapshot.Model, snapshot.Level));
                switch (snapshot.State)
                {
                    case CallState.Queued:
                        queued++;
                        Assert.False(_offeredTo.ContainsKey(callId) || _connectedTo.ContainsKey(callId));
                        break;
                    case CallState.Offered:
                        Assert.Equal(_offeredTo[callId], snapshot.AgentId);
                        break;
                    case CallState.Connected:
                        Assert.Equal(_connectedTo[callId], snapshot.AgentId);
                        break;
                }
            }

            Assert.Equal(queued, _engine.WaitingCount);

            // Today's counters count each call once: arrived (a transfer is not a new arrival), accepted at least once,
            // left before an agent talked with it (a transferred call that the caller leaves was answered).
            var stats = _engine.GetStatistics();
            Assert.Equal((_everQueued.Count, _everAccepted.Count, _abandonedUnanswered), (stats.CallsOfferedToday, stats.CallsAnsweredToday, stats.CallsAbandonedToday));

            // The announcements' one-pass snapshot agrees with the per-call figures.
            _engine.CopyWaitingCalls(_waiting);
            Assert.Equal(queued, _waiting.Count);
            foreach (var waiting in _waiting)
            {
                var snapshot = _engine.GetCall(waiting.CallId)!;
                Assert.Equal((CallState.Queued, snapshot.Level, snapshot.Position, snapshot.ExpectedWait), (snapshot.State, waiting.Level, waiting.Position, waiting.ExpectedWait));
            }
            foreach (var callId in _callIds)
            {
                Assert.Equal(_live.ContainsKey(callId), _engine.GetCall(callId) is not null);
            }
        }

        private void Apply(Op op)
        {
            var agent = _agentIds[op.A % AgentCount];
            var known = _callIds.Count == 0 ? "none" : _callIds[op.B % _callIds.Count];
            switch (op.Kind)
            {
                case 0 or 1 or 2:
                    Enqueue(op);
                    break;
                case 3:
                    _engine.AbandonCall(known);
                    break;
                case 4:
                    _engine.EndCall(known);
                    break;
                case 5:
                    // Accept the agent's own offer most of the time, some other call otherwise.
                    _engine.AcceptOffer(agent, op.C % 4 == 0 ? known : _engine.GetAgent(agent)!.CallId ?? known);
                    break;
                case 15:
                    // Some agent holding an offer accepts it, so that calls also go on (to transfers and L2 answers).
                    if (_offeredTo.Count > 0)
                    {
                        var (offered, to) = _offeredTo.ElementAt(op.B % _offeredTo.Count);
                        _engine.AcceptOffer(to, offered);
                    }

                    break;
                case 6:
                    _engine.DeclineOffer(agent, _engine.GetAgent(agent)!.CallId ?? known);
                    break;
                case 7:
                    _engine.SetAvailable(agent);
                    break;
                case 8:
                    _engine.SetNotReady(agent, "break");
                    break;
                case 9:
                    _engine.LogIn(agent);
                    break;
                case 10:
                    _engine.LogOut(agent);
                    break;
                case 11:
                    UpdateSkills(agent, op);
                    break;
                case 12:
                    SetPolicy(op);
                    break;
                case 13:
                    _engine.ReturnCallToQueue(known, "softphone did not answer");
                    break;
                case 14:
                    // Transfer the agent's own call most of the time, some other call otherwise.
                    _engine.TransferToLevel2(op.C % 4 == 0 ? known : _engine.GetAgent(agent)!.CallId ?? known);
                    break;
                default:
                    // Time passes; most of the time the host ticks, sometimes it is late.
                    _time.Advance(TimeSpan.FromSeconds(op.B % 90));
                    if (op.C % 5 != 0)
                    {
                        _engine.Tick();
                    }

                    break;
            }
        }

        private void Enqueue(Op op)
        {
            // Now and then a live call's id again: must be refused as a duplicate.
            var request = new CallRequest(
                op.C % 20 == 0 && _live.Count > 0 ? _live.Keys.ElementAt(op.B % _live.Count) : $"call-{_nextCall++}",
                (MachineModel)(1 + (op.A % 4)),
                1 + (op.B % 4),
                op.C % 7 == 0 ? AgentLevel.L2 : AgentLevel.L1);
            var duplicate = _live.ContainsKey(request.CallId!);

            // Registered before the call so that the events it causes can be checked against it.
            if (!duplicate)
            {
                _live[request.CallId!] = request;
            }

            var result = _engine.EnqueueCall(request);
            Assert.Equal(duplicate ? RoutingError.DuplicateCallId : RoutingError.None, result.Error);
            if (duplicate)
            {
                _seen["duplicate refused"] = _seen.GetValueOrDefault("duplicate refused") + 1;
            }
            if (!duplicate)
            {
                _callIds.Add(request.CallId!);

                // The position announced on arrival (incremental count) equals a full recount.
                if (_engine.GetCall(request.CallId) is { State: CallState.Queued } snapshot)
                {
                    var queued = _lastQueued;
                    Assert.Equal(request.CallId, queued.CallId);
                    Assert.Equal(snapshot.Position, queued.Position);
                    Assert.Equal(snapshot.ExpectedWait, queued.ExpectedWait);
                }
            }
        }

        private void UpdateSkills(string agent, Op op)
        {
            var models = Enumerable.Range(1, 4).Where(m => (op.B & (1 << (m - 1))) != 0).Select(m => (MachineModel)m).ToArray();
            var skills = new AgentSkills(op.C % 2 == 0 ? AgentLevel.L1 : AgentLevel.L2, models);

            // Recorded first: an available agent may be offered a call by this very operation.
            var previous = _skills[agent];
            _skills[agent] = skills;
            if (!_engine.UpdateAgentSkills(agent, skills).IsSuccess)
            {
                _skills[agent] = previous;
            }
        }

        private void SetPolicy(Op op)
        {
            var severity = 1 + (op.A % 4);
            var first = TimeSpan.FromSeconds(1 + (op.B % 60));
            var second = first + TimeSpan.FromSeconds(1 + (op.C % 60));
            var policy = (op.C % 3) switch
            {
                0 => new OverflowPolicy([]),
                1 => new OverflowPolicy([new OverflowStep(first, AnyModel: false, HigherLevel: true)]),
                _ => OverflowPolicy.Widening(first, second),
            };
            var previous = _policies[severity - 1];
            _policies[severity - 1] = policy;
            Assert.True(_engine.SetOverflowPolicy(severity, policy).IsSuccess);
            Assert.NotSame(previous, _policies[severity - 1]);
        }
    }
}
