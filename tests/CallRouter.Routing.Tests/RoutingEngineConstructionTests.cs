using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Routing.Tests;

public sealed class RoutingEngineConstructionTests
{
    public static TheoryData<string, RoutingOptions> BadOptions => new()
    {
        { "zero offer time-out", new RoutingOptions { OfferTimeout = TimeSpan.Zero } },
        { "negative wrap-up", new RoutingOptions { WrapUpTime = TimeSpan.FromSeconds(-1) } },
        { "no misses allowed", new RoutingOptions { MaxMissedOffers = 0 } },
        { "three head starts", new RoutingOptions { SeverityHeadStart = [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero] } },
        { "no ageing", new RoutingOptions { AgeingRate = 0 } },
        { "NaN ageing", new RoutingOptions { AgeingRate = double.NaN } },
        { "smoothing above one", new RoutingOptions { HandleTimeSmoothing = 1.5 } },
        { "unknown eligible model", new RoutingOptions { EligibleModels = [(MachineModel)42] } },
        { "narrowing policy", new RoutingOptions { OverflowPolicies = [Narrowing(), Narrowing(), Narrowing(), Narrowing()] } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Constructor_MalformedOptions_Throws(string because, RoutingOptions options)
    {
        Assert.False(string.IsNullOrEmpty(because));
        Assert.Throws<ArgumentException>(() => new RoutingEngine(options, new FakeTimeProvider(), new RecordingSink()));
    }

    [Fact]
    public void Constructor_Defaults_AllModelsEligibleAndNothingPending()
    {
        var engine = new RoutingEngine(new RoutingOptions(), new FakeTimeProvider(), new RecordingSink());

        Assert.Equal(4, engine.EligibleModels.Count);
        Assert.Equal(0, engine.WaitingCount);
        Assert.Null(engine.NextDeadline);
        Assert.Empty(engine.GetAgents());
    }

    private static OverflowPolicy Narrowing() => new(
    [
        new OverflowStep(TimeSpan.FromSeconds(10), AnyModel: true, HigherLevel: true),
        new OverflowStep(TimeSpan.FromSeconds(20), AnyModel: false, HigherLevel: true),
    ]);
}
