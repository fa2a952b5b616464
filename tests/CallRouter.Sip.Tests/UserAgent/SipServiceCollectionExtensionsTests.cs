using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CallRouter.Sip.Tests.UserAgent;

public class SipServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSipStack_WithConfigure_RegistersOneSingletonAndAppliesOptions()
    {
        var services = new ServiceCollection();

        services.AddSipStack(o => o.ListenAddresses = ["127.0.0.1:5099"]);

        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(SipStack));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
        var configure = services.Where(d => d.ServiceType == typeof(IConfigureOptions<SipStackOptions>)).Select(d => d.ImplementationInstance).OfType<IConfigureOptions<SipStackOptions>>().Single();
        var options = new SipStackOptions();
        configure.Configure(options);
        Assert.Equal(["127.0.0.1:5099"], options.ListenAddresses);
    }
}
