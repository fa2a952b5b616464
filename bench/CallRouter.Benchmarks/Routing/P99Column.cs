using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CallRouter.Benchmarks.Routing;

/// <summary>
/// 99th percentile of the measured iterations (nearest rank). BenchmarkDotNet ships P0–P95 and P100 but no P99,
/// which is what the routing target is stated in.
/// </summary>
internal sealed class P99Column : IColumn
{
    public string Id => nameof(P99Column);

    public string ColumnName => "P99";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    public int PriorityInCategory => 10;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Time;

    public string Legend => "99th percentile of all measured iterations (nearest rank, no outliers removed)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var values = summary[benchmarkCase]?.ResultStatistics?.OriginalValues;
        if (values is null || values.Count == 0)
        {
            return "NA";
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(0.99 * sorted.Length) - 1;
        // Always in microseconds: the unit the routing target is stated in.
        var nanoseconds = sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        return (nanoseconds / 1000).ToString("N3", style.CultureInfo) + " μs";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
