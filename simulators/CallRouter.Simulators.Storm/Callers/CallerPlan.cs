using System.Globalization;
using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Callers;

/// <summary>
/// One SIPp caller process per severity (the severity is one of its IVR digits): its share of
/// the rate and of the calls, and the models its callers claim, in a seeded shuffled order.
/// </summary>
public sealed record CallerPlan(int Severity, double Rate, int Calls, IReadOnlyList<string> Models)
{
    /// <summary>Splits the profile's rate and calls over its severities; the call counts add up exactly (largest remainder).</summary>
    public static IReadOnlyList<CallerPlan> For(StormProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var severities = profile.Severities.Where(s => s.Value > 0).OrderBy(s => s.Key).ToList();
        var counts = Apportion(profile.Calls, severities.Select(s => s.Value).ToList());
        double total = severities.Sum(s => s.Value);
        var random = new Random(profile.Seed);
        var plans = new List<CallerPlan>();
        for (int i = 0; i < severities.Count; i++)
        {
            if (counts[i] == 0) continue;
            var models = Mix(profile.Models, counts[i], random);
            plans.Add(new CallerPlan(severities[i].Key, profile.CallRate * severities[i].Value / total, counts[i], models));
        }

        return plans;
    }

    /// <summary>SIPp's -r/-rp pair for a possibly fractional rate (calls per rate period in ms).</summary>
    public (string Calls, string PeriodMs) SippRate()
    {
        if (Math.Abs(Rate - Math.Round(Rate)) < 1e-9) return (Math.Round(Rate).ToString(CultureInfo.InvariantCulture), "1000");
        // Per 100 s: 0.25 calls/s becomes 25 calls every 100,000 ms.
        return (Math.Max(1, Math.Round(Rate * 100)).ToString(CultureInfo.InvariantCulture), "100000");
    }

    /// <summary>Whole numbers proportional to <paramref name="weights"/> that add up to <paramref name="total"/>.</summary>
    public static int[] Apportion(int total, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        double sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        int left = total - counts.Sum();
        foreach (int i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(left)) counts[i]++;
        return counts;
    }

    private static List<string> Mix(Dictionary<string, double> weights, int calls, Random random)
    {
        var models = weights.Where(m => m.Value > 0).OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        var counts = Apportion(calls, models.Select(m => m.Value).ToList());
        var list = new List<string>(calls);
        for (int i = 0; i < models.Count; i++) list.AddRange(Enumerable.Repeat(models[i].Key, counts[i]));
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
}
