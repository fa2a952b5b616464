using CallRouter.Gateway.Manufacturer;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>The escalation dial plan: only configured numbers, only IP-literal SIP URIs.</summary>
public sealed class ManufacturerDestinationsTests
{
    private static readonly ManufacturerDestinations Plan = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["+18005550100"] = "sip:mfr-ts@127.0.0.1:5090",
        ["+18005550111"] = "sip:oncall@mfr.example.com",
        ["+18005550122"] = "tel:+18005550122",
        ["+18005550133"] = "sip:mfr-ts@10.1.2.3;transport=tcp",
    });

    [Fact]
    public void TryResolve_ConfiguredNumber_GivesItsUriAndNextHop()
    {
        Assert.True(Plan.TryResolve(" +18005550100 ", out var destination, out _));

        Assert.Equal("+18005550100", destination!.Number);
        Assert.Equal("sip:mfr-ts@127.0.0.1:5090", destination.Target.ToString());
        Assert.Equal("127.0.0.1:5090", destination.EndPoint.Address.ToString());
    }

    [Fact]
    public void TryResolve_TransportParameter_IsKeptForTheNextHop()
    {
        Assert.True(Plan.TryResolve("+18005550133", out var destination, out _));

        Assert.Equal(CallRouter.Sip.Transport.TransportProtocol.Tcp, destination!.EndPoint.Protocol);
        Assert.Equal(5060, destination.EndPoint.Address.Port);
    }

    [Fact]
    public void TryResolve_ConfiguredUriNamedDirectly_IsAccepted()
    {
        Assert.True(Plan.TryResolve("sip:mfr-ts@127.0.0.1:5090", out var destination, out _));

        Assert.Equal("+18005550100", destination!.Number);
    }

    [Theory]
    [InlineData("+19005551234")]
    [InlineData("sip:premium@203.0.113.9")]
    [InlineData("")]
    public void TryResolve_AnythingNotConfigured_IsRefusedWithTheReason(string address)
    {
        Assert.False(Plan.TryResolve(address, out var destination, out var error));

        Assert.Null(destination);
        Assert.NotEmpty(error);
    }

    [Fact]
    public void TryResolve_HostName_RefusedBecauseTheGatewayDoesNoDns()
    {
        Assert.False(Plan.TryResolve("+18005550111", out _, out var error));

        Assert.Contains("needs an IP address as its host", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_NotASipUri_RefusedNamingTheEntry()
    {
        Assert.False(Plan.TryResolve("+18005550122", out _, out var error));

        Assert.Contains("+18005550122", error, StringComparison.Ordinal);
        Assert.Contains("not a sip: URI", error, StringComparison.Ordinal);
    }
}
