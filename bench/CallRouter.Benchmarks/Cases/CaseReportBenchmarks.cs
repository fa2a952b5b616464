using BenchmarkDotNet.Attributes;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Reports;

namespace CallRouter.Benchmarks.Cases;

/// <summary>
/// Report generation over 1,000,000 calls and 250,000 cases spread over 13 weeks, in the
/// New York desk calendar (every call's local day is computed). Data is built once in setup;
/// the measured code is the calculation only, as the store streams rows into it.
/// </summary>
[MemoryDiagnoser]
public class CaseReportBenchmarks
{
    private static readonly DateOnly s_from = new(2026, 1, 5);
    private static readonly DateOnly s_to = new(2026, 4, 5);
    private readonly DeskCalendar _calendar = new(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
    private List<CallRecord> _calls = [];
    private List<CaseRecord> _cases = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20260105);
        var start = _calendar.StartOf(s_from);
        var span = (_calendar.StartOf(s_to.AddDays(1)) - start).Ticks;
        var problem = ProblemNumber.FromSequence(1_000_000);
        _calls = new List<CallRecord>(1_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            var started = start.AddTicks((long)(random.NextDouble() * span));
            var answered = random.Next(50) == 0 ? (DateTimeOffset?)null : started.AddSeconds(random.Next(1, 400));
            _calls.Add(new CallRecord
            {
                CallId = "c" + i,
                ProblemNumber = problem,
                StartedAt = started,
                QueuedAt = started,
                AnsweredAt = answered,
                EndedAt = (answered ?? started).AddSeconds(random.Next(30, 2400)),
                FromManufacturer = random.Next(40) == 0,
            });
        }

        _cases = new List<CaseRecord>(250_000);
        for (var i = 0; i < 250_000; i++)
        {
            var opened = start.AddTicks((long)(random.NextDouble() * span));
            _cases.Add(new CaseRecord
            {
                ProblemNumber = ProblemNumber.FromSequence(1_000_000 + i),
                Manufacturer = "NetScreen",
                CustomerAccount = "A",
                Severity = Severity.S3,
                State = CaseState.Closed,
                Entitlement = EntitlementStatus.Entitled,
                OpenedAt = opened,
                OpenedBy = "bench",
                UpdatedAt = opened,
                LastEndUserUpdateAt = opened,
                FirstEscalatedAt = random.Next(10) == 0 ? opened.AddHours(2) : null,
                ResolvedAt = opened.AddMinutes(random.Next(10, 4000)),
                ClosedAt = opened.AddMinutes(4000),
            });
        }
    }

    [Benchmark]
    public CallReport WeeklyCalls1M() => ReportCalculator.WeeklyCalls(_calls, s_from, s_to, _calendar);

    [Benchmark]
    public CaseReport MonthlyCases250K() => ReportCalculator.MonthlyCases(_cases, s_from, s_to, _calendar);

    [Benchmark]
    public ServiceLevelView ServiceLevels1M() =>
        ReportCalculator.ServiceLevels(_calls, _cases, _calendar.StartOf(s_from), _calendar.StartOf(s_to), _calendar);
}
