using CallRouter.Sip.Message;

namespace CallRouter.Sip.Tests.Message;

public class NameAddressTests
{
    [Fact]
    public void Parse_QuotedDisplayNameWithEscapes_Unescapes()
    {
        var value = NameAddress.Parse("\"Bob \\\"B\\\" Smith\" <sip:bob@biloxi.com>;tag=a6c85cf");

        Assert.Equal("Bob \"B\" Smith", value.DisplayName);
        Assert.Equal("bob", value.Uri.User);
        Assert.Equal("a6c85cf", value.Tag);
    }

    [Fact]
    public void Parse_TokenDisplayName_IsKept()
    {
        var value = NameAddress.Parse("Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8");

        Assert.Equal("Anonymous", value.DisplayName);
        Assert.Equal("hyh8", value.Tag);
    }

    [Fact]
    public void Parse_AddrSpecWithParameters_GivesParametersToTheHeader()
    {
        var value = NameAddress.Parse("sip:alice@atlanta.com;tag=88sja8x");

        Assert.Equal("88sja8x", value.Tag);
        Assert.Equal(0, value.Uri.Parameters.Count);
    }

    [Fact]
    public void Parse_UriParametersInsideBrackets_StayOnTheUri()
    {
        var value = NameAddress.Parse("<sip:alice@pc33.atlanta.com;transport=tcp>;expires=3600;q=0.7");

        Assert.Equal("tcp", value.Uri.Transport);
        Assert.Equal("3600", value.Parameters["expires"]);
        Assert.Equal("0.7", value.Parameters["q"]);
    }

    [Fact]
    public void Parse_Star_IsWildcardContact()
    {
        Assert.True(NameAddress.Parse(" * ").IsWildcard);
    }

    [Theory]
    [InlineData("\"unterminated <sip:a@b>")]
    [InlineData("<sip:a@b")]
    [InlineData("<sip:a@b>;=x")]
    [InlineData("sip:a@b c")]
    [InlineData("Bad\u0001Name <sip:a@b>")]
    public void Parse_Malformed_Fails(string text)
    {
        Assert.False(NameAddress.TryParse(text, out _));
    }

    [Fact]
    public void ToString_AddrSpec_WritesNameAddrForm()
    {
        Assert.Equal("<sip:alice@atlanta.com>;tag=1", NameAddress.Parse("sip:alice@atlanta.com;tag=1").ToString());
    }

    [Fact]
    public void WithTag_AddsTagWithoutTouchingTheUri()
    {
        var value = NameAddress.Parse("\"Bob\" <sip:bob@biloxi.com;transport=udp>").WithTag("xyz");

        Assert.Equal("\"Bob\" <sip:bob@biloxi.com;transport=udp>;tag=xyz", value.ToString());
    }
}
