using System.Net;
using CallRouter.Media;
using CallRouter.Sip.UserAgent;
using CallRouter.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// In the DI namespace, as ASP.NET Core's own AddXxx extensions are, so a host needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>Beyond the drain time-out: BYE to calls still up, their last reports, the SIP stack's stop.</summary>
    private static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(10);

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
        services.PostConfigure<GatewayOptions>(gateway =>
        {
            // The binder appends configured array items to the defaults; a configured list must replace them.
            gateway.AllowedPeers = ListOrDefault(section, nameof(GatewayOptions.AllowedPeers), gateway.AllowedPeers);
            gateway.AgentDomains = ListOrDefault(section, nameof(GatewayOptions.AgentDomains), gateway.AgentDomains);
            gateway.ManufacturerNumbers = ListOrDefault(section, nameof(GatewayOptions.ManufacturerNumbers), gateway.ManufacturerNumbers);
            gateway.PeerAuthentication.Algorithms = ListOrDefault(section.GetSection(nameof(GatewayOptions.PeerAuthentication)),
                nameof(PeerAuthenticationOptions.Algorithms), gateway.PeerAuthentication.Algorithms);

            // In the all-in-one server the core is this process's own gRPC listener: dial that unless told otherwise.
            if (string.IsNullOrWhiteSpace(gateway.CoreAddress))
            {
                string host = configuration["CallRouter:Server:GrpcAddress"] ?? "127.0.0.1";
                string port = configuration["CallRouter:Server:GrpcPort"] ?? "50051";
                gateway.CoreAddress = $"http://{(host is "0.0.0.0" or "::" or "*" ? "127.0.0.1" : host)}:{port}";
            }

            // Relative voicemail and recording folders are inside the server's data folder, not
            // wherever the process happens to start.
            string dataRoot = configuration["CallRouter:Server:DataDirectory"] ?? ".";
            gateway.Voicemail.Folder = Path.GetFullPath(Path.Combine(dataRoot, gateway.Voicemail.Folder));
            gateway.Recording.Folder = Path.GetFullPath(Path.Combine(dataRoot, gateway.Recording.Folder));
        });
        services.Configure<SipStackOptions>(section.GetSection("Sip"));
        services.AddSipStack();
        services.AddOptions<SipStackOptions>().Configure<IOptions<GatewayOptions>>((sip, gateway) =>
        {
            var listen = section.GetSection("Sip:ListenAddresses").Get<string[]>();
            if (listen is { Length: > 0 }) sip.ListenAddresses = listen;
            // Some softphones (SIPp among them) answer only an MD5 challenge: "Sip:Registrar:Algorithms": [ "MD5" ].
            var algorithms = section.GetSection("Sip:Registrar:Algorithms").Get<string[]>();
            if (algorithms is { Length: > 0 }) sip.Registrar.Algorithms = algorithms;

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
        // The host must wait for the drain (calls in progress may finish) plus the stack's own shutdown.
        services.AddOptions<HostOptions>().PostConfigure<IOptions<GatewayOptions>>((host, gateway) =>
        {
            var needed = gateway.Value.DrainTimeout + ShutdownMargin;
            if (host.ShutdownTimeout != Timeout.InfiniteTimeSpan && host.ShutdownTimeout < needed) host.ShutdownTimeout = needed;
        });
        // In-hours escalation calls to Mfr TS (docs/escalation.md); replaces the core's stand-in channel.
        CallRouter.Gateway.Manufacturer.ManufacturerPhoneServiceCollectionExtensions.AddManufacturerPhone(services, section);
        return services;
    }

    private static string[] ListOrDefault(IConfiguration section, string key, string[] bound)
    {
        var configured = section.GetSection(key).Get<string[]>();
        return configured is { Length: > 0 } ? configured : bound;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
