using CallRouter.Escalation.Ports;
using CallRouter.Gateway.Manufacturer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>Hosting: the gateway's phone channel replaces the core's stand-in, with its options from configuration.</summary>
public sealed class ManufacturerPhoneRegistrationTests
{
    private static IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["CallRouter:Gateway:ServiceAccountPassword"] = "demo-gateway",
        ["CallRouter:Gateway:ManufacturerPhone:Destinations:+18005550100"] = "sip:mfr-ts@127.0.0.1:5090",
        ["CallRouter:Gateway:ManufacturerPhone:RingTimeout"] = "00:00:12",
    }).Build();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddCallRouterGateway_WithOrAfterTheStandIn_ResolvesTheGatewaysPhoneChannel(bool standInFirst)
    {
        var services = new ServiceCollection().AddLogging();
        // The core registers its stand-in with TryAdd; the gateway's channel must win in either order.
        if (standInFirst) services.TryAddSingleton<IManufacturerPhoneChannel, UnavailablePhoneChannel>();
        services.AddCallRouterGateway(Configuration());
        if (!standInFirst) services.TryAddSingleton<IManufacturerPhoneChannel, UnavailablePhoneChannel>();
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<SipManufacturerPhoneChannel>(provider.GetRequiredService<IManufacturerPhoneChannel>());
    }

    [Fact]
    public async Task AddCallRouterGateway_ManufacturerPhoneSection_BindsDestinationsAndTimeouts()
    {
        await using var provider = new ServiceCollection().AddLogging().AddCallRouterGateway(Configuration()).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ManufacturerPhoneOptions>>().Value;

        Assert.Equal("sip:mfr-ts@127.0.0.1:5090", options.Destinations["+18005550100"]);
        Assert.Equal(TimeSpan.FromSeconds(12), options.RingTimeout);
        Assert.Equal('1', options.AcknowledgeDigit);
    }
}
