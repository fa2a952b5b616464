using System.Net;
using CallRouter.Media;
using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallRouter.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SIP gateway: options from <c>CallRouter:Gateway</c> (SIP stack options from its <c>Sip</c>
    /// subsection, with the registrar on and the agents' softphone credentials), the media engine, the
    /// routing core's gRPC client and a hosted service that starts and drains it.
    /// </summary>
    public static IServiceCollection AddCallRouterGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GatewayOptions.Section);
        services.Configure<GatewayOptions>(section);
        services.Configure<SipStackOptions>(section.GetSection("Sip"));
        services.AddSipStack();
        services.AddOptions<SipStackOptions>().Configure<IOptions<GatewayOptions>>((sip, gateway) =>
        {
            // Agents' softphones register here (SPEC R5).
            sip.EnableRegistrar = true;
            foreach (var (user, password) in gateway.Value.AgentCredentials) sip.Registrar.Credentials[user] = password;
        });
        services.TryAddTimeProvider();
        services.AddSingleton(provider =>
        {
            var gateway = provider.GetRequiredService<IOptions<GatewayOptions>>().Value;
            return new MediaEngine(new MediaEngineOptions
            {
                BindAddress = IPAddress.Parse(gateway.RtpAddress),
                PortRangeStart = gateway.RtpPortStart,
                PortRangeEnd = gateway.RtpPortEnd,
            }, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IRoutingClient>(provider => new GrpcRoutingClient(
            provider.GetRequiredService<IOptions<GatewayOptions>>().Value, provider.GetRequiredService<ILogger<GrpcRoutingClient>>()));
        services.AddHostedService<GatewayHostedService>();
        return services;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
