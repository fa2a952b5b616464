using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallRouter.Sip.UserAgent;

/// <summary>Registration for hosts: one <see cref="SipStack"/> singleton built from <see cref="SipStackOptions"/>.</summary>
public static class SipServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SipStack"/>; bind options first (services.Configure&lt;SipStackOptions&gt;(section)) or pass
    /// <paramref name="configure"/>. A registered <see cref="TimeProvider"/> and <see cref="ILoggerFactory"/> are used when present.
    /// The host still calls StartAsync/StopAsync (for example from a hosted service).
    /// </summary>
    public static IServiceCollection AddSipStack(this IServiceCollection services, Action<SipStackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SipStackOptions>();
        if (configure is not null) services.Configure(configure);
        services.AddSingleton(provider => new SipStack(
            provider.GetRequiredService<IOptions<SipStackOptions>>(),
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()));
        return services;
    }
}
