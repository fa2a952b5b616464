using BenchmarkDotNet.Attributes;
using CallRouter.Routing;

namespace CallRouter.Benchmarks.Routing;

/// <summary>
/// The work a periodic position announcement does under the routing lock, on the full desk (10,000 waiting calls,
/// 2,000 agents on calls): before, one <see cref="RoutingEngine.GetCall"/> per waiting call, each walking the calls
/// ahead of it; now, one <see cref="RoutingEngine.CopyWaitingCalls"/> pass. Building and posting the 10,000 messages
/// (now outside the lock) is the same in both and not measured. The clock does not move, so nothing falls due.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class RoutingAnnouncementBenchmarks
{
    private RoutingEngine _engine = null!;
    private string[] _waitingIds = null!;
    private readonly List<WaitingCall> _waiting = new(RoutingDesk.WaitingCalls);

    [GlobalSetup]
    public void Setup()
    {
        _engine = RoutingDesk.AllAgentsBusy().Engine;
        _engine.CopyWaitingCalls(_waiting);
        _waitingIds = _waiting.Select(w => w.CallId).ToArray();
        if (_waitingIds.Length != RoutingDesk.WaitingCalls)
        {
            throw new InvalidOperationException($"expected {RoutingDesk.WaitingCalls} waiting calls, found {_waitingIds.Length}");
        }
    }

    /// <summary>Before: the coordinator asked the engine for each waiting call in turn.</summary>
    [Benchmark(Baseline = true)]
    public long GetCallPerWaitingCall()
    {
        long sum = 0;
        foreach (var id in _waitingIds)
        {
            sum += _engine.GetCall(id)!.Position;
        }

        return sum;
    }

    /// <summary>After: one pass over every waiting call.</summary>
    [Benchmark]
    public long CopyWaitingCallsOnce()
    {
        _engine.CopyWaitingCalls(_waiting);
        long sum = 0;
        foreach (var call in _waiting)
        {
            sum += call.Position;
        }

        return sum;
    }
}
