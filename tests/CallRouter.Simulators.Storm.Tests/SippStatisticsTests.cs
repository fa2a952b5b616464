using CallRouter.Simulators.Storm.Agents;
using CallRouter.Simulators.Storm.Callers;

namespace CallRouter.Simulators.Storm.Tests;

public sealed class SippStatisticsTests
{
    // The shape SIPp 3.6 writes with -trace_stat (dates hold a tab; most columns cut for the test).
    private const string StatCsv =
        "StartTime;LastResetTime;CurrentTime;ElapsedTime(P);TotalCallCreated;CurrentCall;SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);FailedCall(C);\n"
        + "2026-11-24\t14:06:22.497469\t1795529182.497469;x;y;00:00:00;3;3;0;0;0;0;\n"
        + "2026-11-24\t14:06:23.497469\t1795529183.497469;x;y;00:00:01;10;4;1;5;0;1;\n";

    [Fact]
    public void ParseCsv_SippStatFile_CountersOfTheLastLine()
    {
        var statistics = SippStatistics.ParseCsv(StatCsv);

        Assert.Equal(new SippStatistics(Created: 10, Current: 4, Successful: 5, Failed: 1), statistics);
    }

    [Theory]
    [InlineData("")]
    [InlineData("StartTime;TotalCallCreated;\n")]
    [InlineData("some;other;file\n1;2;3\n")]
    public void ParseCsv_NoDataYet_Null(string text) => Assert.Null(SippStatistics.ParseCsv(text));

    [Fact]
    public void ParseResponseTimes_SippRttFile_MillisecondsPerCall() =>
        Assert.Equal([0.0, 12.0, 3.0], SippStatistics.ParseResponseTimes("Date_ms;response_time_ms;rtd_no\n1004;0;1\n2004;12;1\n3004;3;1\n"));

    [Fact]
    public void Sum_SeveralProcesses_AddsEachCounter() =>
        Assert.Equal(new SippStatistics(5, 3, 2, 1), SippStatistics.Sum([new SippStatistics(2, 1, 1, 0), new SippStatistics(3, 2, 1, 1)]));

    [Fact]
    public void CallerStamp_SippGettimeofdaySerial_InviteTime()
    {
        Assert.True(CallerStamp.TryParse("ST1795528721.000000-444413.000000", out var at));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795528721).AddTicks(4_444_130), at);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("SN-1001")]
    [InlineData("STabc-1")]
    [InlineData("ST1795528721.0-2000000.0")]
    public void CallerStamp_OtherSerial_NotAStamp(string? serial) => Assert.False(CallerStamp.TryParse(serial, out _));
}
