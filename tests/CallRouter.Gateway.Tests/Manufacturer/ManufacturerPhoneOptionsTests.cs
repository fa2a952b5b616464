using CallRouter.Gateway.Manufacturer;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>Settings of the escalation call that are refused at start-up, naming the one at fault.</summary>
public sealed class ManufacturerPhoneOptionsTests
{
    [Theory]
    [InlineData('1', '1')]
    [InlineData('x', '2')]
    public void Validate_SameOrInvalidKeys_Refused(char acknowledge, char repeat)
    {
        var options = new ManufacturerPhoneOptions { AcknowledgeDigit = acknowledge, RepeatDigit = repeat };

        var refused = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("AcknowledgeDigit", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DestinationWithHostName_RefusedNamingTheNumber()
    {
        var options = new ManufacturerPhoneOptions { Destinations = { ["+18005550100"] = "sip:mfr-ts@mfr.example.com" } };

        var refused = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Destinations", refused.Message, StringComparison.Ordinal);
        Assert.Contains("+18005550100", refused.Message, StringComparison.Ordinal);
    }
}
