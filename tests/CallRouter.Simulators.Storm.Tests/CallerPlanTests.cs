using CallRouter.Simulators.Storm.Callers;
using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Tests;

public sealed class CallerPlanTests
{
    [Fact]
    public void For_SeverityMix_SplitsRateAndCallsAndCallsAddUp()
    {
        var profile = new StormProfile
        {
            CallRate = 10,
            Calls = 101,
            Severities = new Dictionary<int, double> { [1] = 1, [2] = 3, [3] = 4, [4] = 2 },
        };

        var plans = CallerPlan.For(profile);

        Assert.Equal([1, 2, 3, 4], plans.Select(p => p.Severity));
        Assert.Equal(101, plans.Sum(p => p.Calls));
        Assert.Equal([1.0, 3.0, 4.0, 2.0], plans.Select(p => Math.Round(p.Rate, 9)));
        Assert.All(plans, p => Assert.Equal(p.Calls, p.Models.Count));
    }

    [Fact]
    public void For_ModelMix_EachModelGetsItsShareInAShuffledOrder()
    {
        var profile = new StormProfile { Calls = 400, CallRate = 10, Models = new Dictionary<string, double> { ["NS10"] = 3, ["NS100"] = 1 } };

        var models = CallerPlan.For(profile).Single().Models;

        Assert.Equal(300, models.Count(m => m == "NS10"));
        Assert.Equal(100, models.Count(m => m == "NS100"));
        Assert.NotEqual(models.Order(StringComparer.Ordinal), models);
    }

    [Fact]
    public void For_SameSeed_SameModelOrder() =>
        Assert.Equal(
            CallerPlan.For(new StormProfile { Calls = 50, CallRate = 5, Models = new Dictionary<string, double> { ["NS10"] = 1, ["NS-5"] = 1 } }).Single().Models,
            CallerPlan.For(new StormProfile { Calls = 50, CallRate = 5, Models = new Dictionary<string, double> { ["NS10"] = 1, ["NS-5"] = 1 } }).Single().Models);

    [Fact]
    public void For_SeverityWithZeroWeight_GetsNoSippProcess()
    {
        var plans = CallerPlan.For(new StormProfile { Severities = new Dictionary<int, double> { [1] = 0, [2] = 1 } });

        Assert.Equal(2, Assert.Single(plans).Severity);
    }

    [Theory]
    [InlineData(10, new[] { 1.0, 1.0, 1.0 }, new[] { 4, 3, 3 })]
    [InlineData(5, new[] { 1.0, 3.0 }, new[] { 1, 4 })]
    [InlineData(1, new[] { 1.0, 1.0 }, new[] { 1, 0 })]
    public void Apportion_Weights_WholeNumbersAddingUpToTheTotal(int total, double[] weights, int[] expected) =>
        Assert.Equal(expected, CallerPlan.Apportion(total, weights));

    [Theory]
    [InlineData(200, "200", "1000")]
    [InlineData(0.25, "25", "100000")]
    [InlineData(2.5, "250", "100000")]
    public void SippRate_WholeOrFractionalRate_CallsPerRatePeriod(double rate, string calls, string period) =>
        Assert.Equal((calls, period), new CallerPlan(2, rate, 10, []).SippRate());
}
