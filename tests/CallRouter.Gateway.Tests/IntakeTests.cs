using System.Net;

namespace CallRouter.Gateway.Tests;

public sealed class IntakeTests
{
    [Theory]
    [InlineData("NS-5", "NS-5")]
    [InlineData("ns5", "NS-5")]
    [InlineData("NS REMOTE", "NS Remote")]
    [InlineData("ns remote", "NS Remote")]
    [InlineData("ns 10", "NS10")]
    [InlineData(" NS-100 ", "NS100")]
    public void ModelNames_TolerantSpelling_NormalisesToDisplayName(string text, string expected)
    {
        Assert.True(ModelNames.TryNormalise(text, out var model));
        Assert.Equal(expected, model);
    }

    [Theory]
    [InlineData("NS7")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("router")]
    public void ModelNames_UnknownModel_IsNotNormalised(string? text)
    {
        Assert.False(ModelNames.TryNormalise(text, out _));
    }

    [Fact]
    public void CallerContextReader_DefaultHeaders_ReadsEveryField()
    {
        var headers = new Dictionary<string, string>
        {
            ["X-NS-Model"] = "ns 100", ["X-NS-Serial"] = "SN-9", ["X-NS-Account"] = "ACME", ["X-NS-Callback"] = "+1 555 0100", ["X-NS-Problem"] = "1000-0001",
        };

        var context = new CallerContextReader(new GatewayOptions()).Read(n => headers.GetValueOrDefault(n), "5550199");

        Assert.Equal(new CallerContext("NS100", "ns 100", "SN-9", "ACME", "+1 555 0100", "1000-0001", false), context);
    }

    [Fact]
    public void CallerContextReader_ConfiguredHeaderNames_AreUsedInsteadOfDefaults()
    {
        var options = new GatewayOptions { Headers = new ContextHeaderNames { Model = "X-Product" } };
        var headers = new Dictionary<string, string> { ["X-Product"] = "NS10", ["X-NS-Model"] = "NS100" };

        var context = new CallerContextReader(options).Read(n => headers.GetValueOrDefault(n), null);

        Assert.Equal("NS10", context.Model);
    }

    [Fact]
    public void CallerContextReader_UnknownModelAndNoCallbackHeader_LeavesModelForIvrAndUsesCallingNumber()
    {
        var context = new CallerContextReader(new GatewayOptions()).Read(n => n == "X-NS-Model" ? "NS7" : null, "5550123");

        Assert.Null(context.Model);
        Assert.Equal("NS7", context.RawModel);
        Assert.Equal("5550123", context.Callback);
    }

    [Fact]
    public void CallerContextReader_ManufacturerCallingNumber_MarksCallFromManufacturer()
    {
        var options = new GatewayOptions { ManufacturerNumbers = ["+1 (800) 555-0000"] };

        var context = new CallerContextReader(options).Read(_ => null, "18005550000");

        Assert.True(context.FromManufacturer);
    }

    [Fact]
    public void CallerContextReader_OverlongValueWithControlCharacters_IsTruncatedAndCleaned()
    {
        var context = new CallerContextReader(new GatewayOptions()).Read(n => n == "X-NS-Serial" ? "A\u0001" + new string('x', 200) : null, null);

        Assert.DoesNotContain('\u0001', context.Serial);
        Assert.True(context.Serial.Length <= 64);
    }

    [Fact]
    public void PeerAllowList_ConfiguredPeer_IsAllowedAlsoWhenIpv4Mapped()
    {
        var peers = new PeerAllowList(["127.0.0.1"]);

        Assert.True(peers.IsAllowed(IPAddress.Loopback));
        Assert.True(peers.IsAllowed(IPAddress.Loopback.MapToIPv6()));
    }

    [Fact]
    public void PeerAllowList_OtherAddress_IsRefused()
    {
        var peers = new PeerAllowList(["127.0.0.1"]);

        Assert.False(peers.IsAllowed(IPAddress.Parse("127.0.0.2")));
    }

    [Fact]
    public void PeerAllowList_HostNameInConfiguration_IsRejectedAtStart()
    {
        Assert.Throws<ArgumentException>(() => new PeerAllowList(["switch.example"]));
    }
}
