using CallRouter.Sip.Message;

namespace CallRouter.Sip.Tests.Message;

public class SipUriTests
{
    [Fact]
    public void Parse_FullSipUri_ReadsEveryComponent()
    {
        var uri = SipUri.Parse("sip:alice:secretword@atlanta.com:5061;transport=tcp;lr?subject=project%20x&priority=urgent");

        Assert.Equal(UriScheme.Sip, uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secretword", uri.Password);
        Assert.Equal("atlanta.com", uri.Host);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.IsLooseRouter);
        Assert.Equal(new KeyValuePair<string, string>("subject", "project x"), uri.Headers[0]);
    }

    [Fact]
    public void Parse_SipsWithIpv6Host_KeepsBrackets()
    {
        var uri = SipUri.Parse("sips:[2001:db8::10]:5061");

        Assert.Equal(UriScheme.Sips, uri.Scheme);
        Assert.Equal("[2001:db8::10]", uri.Host);
        Assert.Equal(5061, uri.Port);
    }

    [Fact]
    public void Parse_TelUri_ReadsNumberAndParameters()
    {
        var uri = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");

        Assert.Equal(UriScheme.Tel, uri.Scheme);
        Assert.Equal("+1-201-555-0123", uri.User);
        Assert.Equal("example.com", uri.Parameters["phone-context"]);
    }

    [Fact]
    public void Parse_UserWithTelephoneSubscriberParameters_KeepsThemInTheUser()
    {
        var uri = SipUri.Parse("sip:+1-212-555-1212:1234@gateway.com;user=phone");

        Assert.Equal("+1-212-555-1212", uri.User);
        Assert.Equal("1234", uri.Password);
        Assert.Equal("phone", uri.Parameters["user"]);
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:@host")]
    [InlineData("sip:user@")]
    [InlineData("sip:host:99999")]
    [InlineData("sip:host:port")]
    [InlineData("sip:us%4ger@host")]
    [InlineData("sip:us%4")]
    [InlineData("sip:[::1")]
    [InlineData("sip:[notanaddress]")]
    [InlineData("sip:ho st")]
    [InlineData("sip:host;;lr")]
    [InlineData("tel:")]
    [InlineData("tel:12x45")]
    [InlineData("nocolon")]
    public void Parse_MalformedUri_ThrowsFormatException(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Theory]
    [InlineData("sip:%61lice@example.com", "sip:alice@example.com")]
    [InlineData("sip:alice%20smith@example.com", "sip:alice%20smith@example.com")]
    [InlineData("SIP:bob@Example.COM:5060;Transport=UDP", "sip:bob@Example.COM:5060;Transport=UDP")]
    [InlineData("sip:a@b;maddr=239.255.255.1;ttl=15", "sip:a@b;maddr=239.255.255.1;ttl=15")]
    [InlineData("urn:service:sos", "urn:service:sos")]
    public void ToString_ParsedUri_IsCanonicalAndStable(string input, string canonical)
    {
        var uri = SipUri.Parse(input);

        Assert.Equal(canonical, uri.ToString());
        Assert.Equal(canonical, SipUri.Parse(uri.ToString()).ToString());
    }

    [Fact]
    public void Equals_EscapedAndUnescapedForms_AreEqual()
    {
        Assert.Equal(SipUri.Parse("sip:%61lice@atlanta.com;transport=TCP"), SipUri.Parse("sip:alice@AtLanTa.CoM;Transport=tcp"));
    }
}
