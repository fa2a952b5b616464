using CallRouter.Escalation.Ports;
using CallRouter.Media;
using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>Registers the gateway's <see cref="IManufacturerPhoneChannel"/>: escalation calls to Mfr TS over the gateway's SIP stack.</summary>
public static class ManufacturerPhoneServiceCollectionExtensions
{
    /// <summary>
    /// Options from <c>CallRouter:Gateway:ManufacturerPhone</c>; replaces any phone channel registered
    /// before (the core's <c>UnavailablePhoneChannel</c> stand-in), whichever is added first.
    /// </summary>
    public static IServiceCollection AddManufacturerPhone(this IServiceCollection services, IConfigurationSection gatewaySection)
    {
        ArgumentNullException.ThrowIfNull(gatewaySection);
        var section = gatewaySection.GetSection(ManufacturerPhoneOptions.Section);
        services.Configure<ManufacturerPhoneOptions>(section);
        services.AddSingleton<IManufacturerDialer>(provider => new SipManufacturerDialer(
            provider.GetRequiredService<SipStack>(), provider.GetRequiredService<MediaEngine>()));
        services.AddSingleton<IEscalationResponses>(provider => new GrpcEscalationResponses(
            provider.GetRequiredService<IOptions<GatewayOptions>>().Value, provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<GrpcEscalationResponses>>()));
        services.RemoveAll<IManufacturerPhoneChannel>();
        services.AddSingleton<IManufacturerPhoneChannel>(provider => new SipManufacturerPhoneChannel(
            provider.GetRequiredService<IManufacturerDialer>(), provider.GetRequiredService<IEscalationResponses>(),
            provider.GetRequiredService<IOptions<ManufacturerPhoneOptions>>().Value, provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<SipManufacturerPhoneChannel>>()));
        return services;
    }
}
