using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace CallRouter.Benchmarks.Routing;

/// <summary>
/// Mean cost and allocations of one routing decision on a full desk (10,000 waiting calls, 2,000 agents), in
/// steady state: many cycles per iteration. See <see cref="RoutingDesk"/> for what one cycle contains.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(Config))]
public class RoutingDecisionBenchmarks
{
    private RoutingDesk _allAgentsBusy = null!;
    private RoutingDesk _ns100AgentsFree = null!;

    [GlobalSetup]
    public void Setup()
    {
        _allAgentsBusy = RoutingDesk.AllAgentsBusy();
        _ns100AgentsFree = RoutingDesk.NS100AgentsFree();
    }

    /// <summary>Agent frees → call chosen (includes the accept and the replacement call's enqueue).</summary>
    [Benchmark]
    public long AgentFrees_CallChosen() => _allAgentsBusy.AgentFreesCycle();

    /// <summary>Call arrives → agent chosen (includes the abandon that frees the agent again).</summary>
    [Benchmark]
    public long CallArrives_AgentChosen() => _ns100AgentsFree.CallArrivesCycle();

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddColumn(StatisticColumn.P95, new P99Column());
        }
    }
}
