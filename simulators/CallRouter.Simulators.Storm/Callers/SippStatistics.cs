using System.Globalization;

namespace CallRouter.Simulators.Storm.Callers;

/// <summary>The counters of one SIPp process, from the last line of its -trace_stat CSV.</summary>
public sealed record SippStatistics(long Created, long Current, long Successful, long Failed)
{
    public static readonly SippStatistics Empty = new(0, 0, 0, 0);

    /// <summary>Reads the header and the last complete line of SIPp's statistics CSV (';'-separated); null when there is none yet.</summary>
    public static SippStatistics? ParseCsv(string text)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2) return null;
        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        if (last.Length < header.Length - 1) last = lines.Length >= 3 ? lines[^2].Split(';') : last;
        long Field(string name)
        {
            int i = Array.IndexOf(header, name);
            return i >= 0 && i < last.Length && long.TryParse(last[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0;
        }

        if (Array.IndexOf(header, "TotalCallCreated") < 0) return null;
        return new SippStatistics(Field("TotalCallCreated"), Field("CurrentCall"), Field("SuccessfulCall(C)"), Field("FailedCall(C)"));
    }

    /// <summary>Response times (ms) from SIPp's -trace_rtt CSV: "date_ms;response_time_ms;rtd_name" per line.</summary>
    public static IEnumerable<double> ParseResponseTimes(string text)
    {
        foreach (string line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(';');
            if (fields.Length >= 2 && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && ms >= 0)
            {
                yield return ms;
            }
        }
    }

    public static SippStatistics Sum(IEnumerable<SippStatistics> all) =>
        all.Aggregate(Empty, (a, b) => new SippStatistics(a.Created + b.Created, a.Current + b.Current, a.Successful + b.Successful, a.Failed + b.Failed));
}
