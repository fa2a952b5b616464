using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace CallRouter.Benchmarks.Media;

/// <summary>
/// Hosts <see cref="BridgeLoadGenerator"/> under BenchmarkDotNet so it runs from the usual
/// command in its own Release process: one bounded run per parameter set. The figures that
/// matter (loss, latency percentiles, CPU) are printed as a MEDIA-LOAD line in the log; the
/// BenchmarkDotNet time column is just the run's length.
/// </summary>
[Config(typeof(LoadConfig))]
public class MediaBridgeLoadBenchmarks
{
    [Params(250, 500, 1000)]
    public int Calls { get; set; }

    [Params(false, true)]
    public bool Bridged { get; set; }

    [Benchmark]
    public double LoopbackLoad()
    {
        var result = BridgeLoadGenerator.Run(Calls, Bridged, warmup: TimeSpan.FromSeconds(2), measure: TimeSpan.FromSeconds(10));
        Console.WriteLine(result);
        return result.LossPercent;
    }

    private sealed class LoadConfig : ManualConfig
    {
        public LoadConfig()
        {
            var oneShot = Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(0)
                .WithIterationCount(1)
                .WithInvocationCount(1)
                .WithUnrollFactor(1);
            AddJob(oneShot.WithId("LoadRun"));

            // The relay's per-packet work is short and never blocks, so running socket continuations
            // on the epoll thread instead of hopping to the thread pool is a candidate host setting.
            AddJob(oneShot
                .WithEnvironmentVariables(new EnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1"))
                .WithId("LoadRunInlineCompletions"));
        }
    }
}
