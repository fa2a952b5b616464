using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CallRouter.Gateway.Tests;

public sealed class GatewayConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddCallRouterGateway(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddCallRouterGateway_ConfiguredLists_ReplaceTheDefaultsInsteadOfAppending()
    {
        using var provider = Build(new()
        {
            ["CallRouter:Gateway:AllowedPeers:0"] = "10.0.0.5",
            ["CallRouter:Gateway:Sip:ListenAddresses:0"] = "127.0.0.1:5999",
        });

        Assert.Equal(["10.0.0.5"], provider.GetRequiredService<IOptions<GatewayOptions>>().Value.AllowedPeers);
        Assert.Equal(["127.0.0.1:5999"], provider.GetRequiredService<IOptions<SipStackOptions>>().Value.ListenAddresses);
    }

    [Fact]
    public void AddCallRouterGateway_AgentCredentials_TurnOnTheRegistrarWithThem()
    {
        using var provider = Build(new() { ["CallRouter:Gateway:AgentCredentials:alice"] = "pw" });

        var sip = provider.GetRequiredService<IOptions<SipStackOptions>>().Value;

        Assert.True(sip.EnableRegistrar);
        Assert.Equal("pw", sip.Registrar.Credentials["alice"]);
    }

    [Fact]
    public void AddCallRouterGateway_NoCoreAddress_DialsThisServersGrpcPort()
    {
        using var provider = Build(new() { ["CallRouter:Server:GrpcPort"] = "6000" });

        var gateway = provider.GetRequiredService<IOptions<GatewayOptions>>().Value;

        Assert.Equal("http://127.0.0.1:6000", gateway.CoreAddress);
        Assert.Equal(["X-NS-Model", "X-NS-Problem"], new[] { gateway.Headers.Model, gateway.Headers.Problem });
    }

    [Fact]
    public void AddCallRouterGateway_HostShutdownTimeoutShorterThanDrain_IsRaisedAboveTheDrainTimeOut()
    {
        using var provider = Build(new() { ["CallRouter:Gateway:DrainTimeout"] = "00:00:40" });

        var host = provider.GetRequiredService<IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value;

        Assert.True(host.ShutdownTimeout > TimeSpan.FromSeconds(40), $"shutdown time-out {host.ShutdownTimeout} leaves no time after the drain");
    }

    [Fact]
    public void AddCallRouterGateway_HostShutdownTimeoutAlreadyLonger_IsKept()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(5));
        services.AddCallRouterGateway(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(5), provider.GetRequiredService<IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void AddCallRouterGateway_NoPeerCredentials_PeerAuthenticationIsOff()
    {
        using var provider = Build(new());

        Assert.False(provider.GetRequiredService<IOptions<GatewayOptions>>().Value.PeerAuthentication.IsEnabled);
    }

    [Fact]
    public void AddCallRouterGateway_PeerCredentialsAndAlgorithms_TurnOnPeerAuthenticationWithOnlyThoseAlgorithms()
    {
        using var provider = Build(new()
        {
            ["CallRouter:Gateway:PeerAuthentication:Credentials:switch"] = "pw",
            ["CallRouter:Gateway:PeerAuthentication:Algorithms:0"] = "MD5",
        });

        var peers = provider.GetRequiredService<IOptions<GatewayOptions>>().Value.PeerAuthentication;

        Assert.True(peers.IsEnabled);
        Assert.Equal("pw", peers.Credentials["switch"]);
        Assert.Equal(["MD5"], peers.Algorithms);
    }
}
