using System.Text.Json;
using CallRouter.Cases.Domain;
using CallRouter.Cases.Reports;

namespace CallRouter.Cases.Tests.Reports;

public sealed class ReportWriterTests
{
    private static CallReport SampleCallReport()
    {
        var h = new History(DeskCalendar.Utc);
        return ReportCalculator.WeeklyCalls(
            [h.Call("a", "2026-03-02 09:00", "2026-03-02 09:01", "2026-03-02 09:10"),
             h.Call("b", "2026-03-10 09:00", ended: "2026-03-10 09:03")],
            new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), DeskCalendar.Utc);
    }

    [Fact]
    public void WriteCsv_CallReport_HeaderOneRowPerWeekAndTotalWithSeconds()
    {
        var csv = new StringWriter();

        ReportWriter.WriteCsv(csv, SampleCallReport());

        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("from,to,calls_received,calls_abandoned,calls_answered,manufacturer_calls,calls_with_wait,average_wait_seconds,longest_wait_seconds,"
            + "transferred_to_l2,longest_l2_wait_seconds,talk_seconds", lines[0]);
        Assert.Equal("2026-03-02,2026-03-08,1,0,1,0,1,60,60,0,0,540", lines[1]);
        Assert.Equal("2026-03-09,2026-03-15,1,1,0,0,1,180,180,0,0,0", lines[2]);
        Assert.Equal("2026-03-02,2026-03-15,2,1,1,0,2,120,180,0,0,540", lines[3]);
    }

    [Fact]
    public void WriteCsv_CaseReport_EscalationOutcomeColumnsAfterEscalatedCount()
    {
        var h = new History(DeskCalendar.Utc);
        var escalated = h.Case("2026-03-02 09:00", escalated: "2026-03-02 10:00");
        var report = ReportCalculator.MonthlyCases([escalated],
            [h.Line(escalated, "2026-03-02 10:31", "EscalationNoResponse"), h.Line(escalated, "2026-03-02 10:40", "EscalationResponded"),
             h.Line(escalated, "2026-03-03 10:00", "EscalationHandedBack")],
            new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), DeskCalendar.Utc);
        var csv = new StringWriter();

        ReportWriter.WriteCsv(csv, report);

        var lines = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("from,to,cases_opened,resolved_same_day,aging_resolved_within_48h,resolved_after_48h,escalated_to_manufacturer,"
            + "escalation_responses_in_time,escalation_responses_late,escalation_silences,escalation_unreachable,escalation_hand_backs", lines[0]);
        Assert.Equal("2026-03-01,2026-03-31,1,0,0,0,1,1,0,1,0,1", lines[1]);
    }

    [Fact]
    public void WriteCsv_ServiceLevels_TextWithCommasIsQuoted()
    {
        var view = ReportCalculator.ServiceLevels([], [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), DeskCalendar.Utc);
        var csv = new StringWriter();

        ReportWriter.WriteCsv(csv, view);

        Assert.Contains("4,\"Cases resolved within one day, rest within 48 h unless escalated\",", csv.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_CallReport_RoundTripsToTheSameFigures()
    {
        var report = SampleCallReport();

        var json = ReportWriter.ToJson(report);
        var back = JsonSerializer.Deserialize<CallReport>(json, ReportWriter.JsonOptions)!;

        Assert.Equal(report.Total, back.Total);
        Assert.Equal(report.Weeks, back.Weeks);
        Assert.Contains("\"callsReceived\": 2", json, StringComparison.Ordinal);
    }
}
