using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace CallRouter.Benchmarks.Routing;

/// <summary>
/// Distribution of single decisions: one cycle per iteration (invocation count 1, unroll 1) and no outlier
/// removal, so P95/P99 are percentiles of individual decisions, not of averages. Timer overhead is included,
/// which only makes the figures pessimistic.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class RoutingDecisionLatencyBenchmarks
{
    private RoutingDesk _allAgentsBusy = null!;
    private RoutingDesk _ns100AgentsFree = null!;

    [GlobalSetup]
    public void Setup()
    {
        _allAgentsBusy = RoutingDesk.AllAgentsBusy();
        _ns100AgentsFree = RoutingDesk.NS100AgentsFree();

        // Reach steady state (pools warm, overflow steps being crossed) and give the JIT time to tier up
        // before single invocations are timed.
        for (var i = 0; i < 200_000; i++)
        {
            _allAgentsBusy.AgentFreesCycle();
            _ns100AgentsFree.CallArrivesCycle();
        }
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
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Throughput)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)
                .WithWarmupCount(500)
                .WithIterationCount(3_000)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)
                .WithId("SingleDecision"));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
            SummaryStyle = BenchmarkDotNet.Reports.SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond);
        }
    }
}
