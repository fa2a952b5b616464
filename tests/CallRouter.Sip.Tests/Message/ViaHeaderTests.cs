using CallRouter.Sip.Message;

namespace CallRouter.Sip.Tests.Message;

public class ViaHeaderTests
{
    [Fact]
    public void Parse_ViaWithRportAndReceived_ReadsEveryPart()
    {
        var via = ViaHeader.Parse("SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067");

        Assert.Equal("UDP", via.Transport);
        Assert.Equal("pc33.atlanta.com", via.Host);
        Assert.Equal(5066, via.Port);
        Assert.Equal("z9hG4bK776asdhds", via.Branch);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.Equal(5067, via.Rport);
    }

    [Fact]
    public void Parse_SpacesAroundSlashesAndIpv6_AreAccepted()
    {
        var via = ViaHeader.Parse("SIP / 2.0 / tcp [2001:db8::9]:5070 ;branch=z9hG4bKa;rport");

        Assert.Equal("TCP", via.Transport);
        Assert.Equal("[2001:db8::9]", via.Host);
        Assert.Equal(5070, via.Port);
        Assert.True(via.HasRport);
        Assert.Null(via.Rport);
    }

    [Theory]
    [InlineData("SIP/2.0 host")]
    [InlineData("SIP/3.0/UDP host")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP host:70000")]
    [InlineData("SIP/2.0/UDP [::1")]
    public void Parse_Malformed_Fails(string text)
    {
        Assert.False(ViaHeader.TryParse(text, out _));
    }

    [Fact]
    public void WithParameter_AddsReceivedAndRportValue()
    {
        var via = ViaHeader.Parse("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport")
            .WithParameter("received", "192.0.2.7")
            .WithParameter("rport", "40000");

        Assert.Equal("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport=40000;received=192.0.2.7", via.ToString());
    }
}
