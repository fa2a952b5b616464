using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CallRouter.Cases.Reports;

/// <summary>
/// CSV (RFC 4180, invariant culture, durations in whole seconds so spreadsheets can sum them)
/// and JSON (camelCase, durations as "c" TimeSpan strings) for every report and the invoice.
/// </summary>
public static class ReportWriter
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ToJson<T>(T report) => JsonSerializer.Serialize(report, JsonOptions);

    public static void WriteCsv(TextWriter writer, CallReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.Write("from,to,calls_received,calls_abandoned,calls_answered,manufacturer_calls,calls_with_wait,average_wait_seconds,longest_wait_seconds,"
            + "transferred_to_l2,longest_l2_wait_seconds,talk_seconds\r\n");
        foreach (var w in report.Weeks.Append(report.Total))
        {
            Row(writer, Date(w.From), Date(w.To), Int(w.CallsReceived), Int(w.CallsAbandoned), Int(w.CallsAnswered), Int(w.ManufacturerCalls),
                Int(w.CallsWithWait), Seconds(w.AverageWait), Seconds(w.LongestWait),
                Int(w.TransferredToLevel2), Seconds(w.LongestLevel2Wait), Seconds(w.TalkTime));
        }
    }

    public static void WriteCsv(TextWriter writer, CaseReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.Write("from,to,cases_opened,resolved_same_day,aging_resolved_within_48h,resolved_after_48h,escalated_to_manufacturer,"
            + "escalation_responses_in_time,escalation_responses_late,escalation_silences,escalation_unreachable,escalation_hand_backs\r\n");
        foreach (var m in report.Months.Append(report.Total))
        {
            Row(writer, Date(m.From), Date(m.To), Int(m.CasesOpened), Int(m.ResolvedSameDay), Int(m.AgingResolvedWithin48Hours),
                Int(m.ResolvedAfter48Hours), Int(m.EscalatedToManufacturer), Int(m.EscalationResponsesInTime), Int(m.EscalationResponsesLate),
                Int(m.EscalationSilences), Int(m.EscalationUnreachable), Int(m.EscalationHandBacks));
        }
    }

    public static void WriteCsv(TextWriter writer, ServiceLevelView view)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(view);
        writer.Write("objective,description,target,actual,met\r\n");
        foreach (var o in view.Objectives)
        {
            Row(writer, Int(o.Number), o.Objective, o.Target, o.Actual, o.Met ? "yes" : "no");
        }
    }

    internal static void Row(TextWriter writer, params string[] fields)
    {
        writer.Write(string.Join(',', fields.Select(Escape)));
        writer.Write("\r\n");
    }

    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
}
