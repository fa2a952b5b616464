using CallRouter.Simulators.Storm.Profile;
using CallRouter.Simulators.Storm.Reporting;

namespace CallRouter.Simulators.Storm.Tests;

public sealed class StormReportTests
{
    private static StormObservations Observations() => new()
    {
        CallsCreated = 1000,
        CallsSucceeded = 997,
        CallsFailed = 2,
        CallsUnfinished = 1,
        SetupTimesMs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        TimeToAgentMs = [10_000, 20_000, 40_000],
        CallsAnswered = 950,
        AnsweredWithinServiceLevel = 760,
        CoreAbandoned = 50,
        CoreOffered = 1000,
        CoreAnswered = 950,
        CoreReturned = 0,
        MaxConcurrentBridged = 123,
        AgentLegsAnswered = 950,
        AgentLegsBusy = 3,
        AgentLegsNoAnswer = 1,
        AgentLegsFailed = 0,
        RtpPacketsSent = 10_000,
        RtpPacketsReceived = 9_900,
        RtpPacketsLost = 100,
        PlacingSeconds = 50,
        TotalSeconds = 80,
    };

    [Fact]
    public void Build_UnfinishedCalls_CountAsFailed()
    {
        var report = StormReport.Build(new StormProfile(), DateTimeOffset.UnixEpoch, Observations());

        Assert.Equal(1000, report.Offered);
        Assert.Equal(3, report.Failed);
        Assert.Equal(0.3, report.FailurePercent);
    }

    [Fact]
    public void Build_ServiceLevel_AnsweredWithinThresholdOverAnsweredPlusAbandoned()
    {
        var report = StormReport.Build(new StormProfile(), DateTimeOffset.UnixEpoch, Observations());

        // 760 within the threshold out of 950 answered + 50 abandoned.
        Assert.Equal(76, report.ServiceLevelPercent);
    }

    [Fact]
    public void Build_RtpLoss_LostOverReceivedPlusLost()
    {
        var report = StormReport.Build(new StormProfile(), DateTimeOffset.UnixEpoch, Observations());

        Assert.Equal(1, report.RtpLossPercent);
    }

    [Fact]
    public void Build_AchievedRate_OfferedOverPlacingTime()
    {
        var report = StormReport.Build(new StormProfile(), DateTimeOffset.UnixEpoch, Observations());

        Assert.Equal(20, report.AchievedRate);
    }

    [Fact]
    public void Build_Latencies_NearestRankPercentiles()
    {
        var report = StormReport.Build(new StormProfile(), DateTimeOffset.UnixEpoch, Observations());

        Assert.Equal(new Percentiles(10, 5, 10, 10, 10), report.SetupMs);
        Assert.Equal(new Percentiles(3, 20_000, 40_000, 40_000, 40_000), report.TimeToAgentMs);
    }

    [Fact]
    public void Build_NothingHappened_ZeroesNotDivisionErrors()
    {
        var empty = Observations() with
        {
            CallsCreated = 0, CallsSucceeded = 0, CallsFailed = 0, CallsUnfinished = 0, CallsAnswered = 0, AnsweredWithinServiceLevel = 0,
            CoreAbandoned = 0, RtpPacketsReceived = 0, RtpPacketsLost = 0, SetupTimesMs = [], TimeToAgentMs = [], PlacingSeconds = 0,
        };

        var report = StormReport.Build(new StormProfile(), DateTimeOffset.UnixEpoch, empty);

        Assert.Equal(0, report.FailurePercent);
        Assert.Equal(0, report.ServiceLevelPercent);
        Assert.Equal(0, report.RtpLossPercent);
        Assert.Equal(0, report.AchievedRate);
        Assert.Equal(Percentiles.None, report.SetupMs);
    }

    [Theory]
    [InlineData(new double[] { 7 }, 7, 7, 7)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2, 4, 4)]
    public void Percentiles_Of_NearestRankOfTheSortedSample(double[] sample, double p50, double p95, double p99)
    {
        var p = Percentiles.Of(sample);

        Assert.Equal((p50, p95, p99), (p.P50, p.P95, p.P99));
    }

    [Fact]
    public void Percentiles_Of_HundredValues_P99IsThe99th()
    {
        var p = Percentiles.Of(Enumerable.Range(1, 100).Select(i => (double)i));

        Assert.Equal((50.0, 95.0, 99.0, 100.0), (p.P50, p.P95, p.P99, p.Max));
    }

    [Fact]
    public void ToTable_Report_ShowsFailuresAndBridgedCalls()
    {
        string table = StormReport.Build(new StormProfile(), DateTimeOffset.UnixEpoch, Observations()).ToTable();

        Assert.Contains("3 (0.3 %)", table, StringComparison.Ordinal);
        Assert.Contains("| concurrent bridged calls (max held)", table, StringComparison.Ordinal);
        Assert.Contains("123", table, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_Report_CamelCaseWithTheProfile()
    {
        string json = StormReport.Build(new StormProfile { Calls = 1000, CallRate = 20 }, DateTimeOffset.UnixEpoch, Observations()).ToJson();

        Assert.Contains("\"failurePercent\": 0.3", json, StringComparison.Ordinal);
        Assert.Contains("\"maxConcurrentBridged\": 123", json, StringComparison.Ordinal);
        Assert.Contains("\"callRate\": 20", json, StringComparison.Ordinal);
    }
}
