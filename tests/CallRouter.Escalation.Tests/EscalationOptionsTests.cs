using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Tests;

public sealed class EscalationOptionsTests
{
    [Fact]
    public void Validate_EmptyOnCallChain_NamesTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => new EscalationOptions().Validate());

        Assert.Contains("Escalation:OnCallChain", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ContactWithoutAddress_IsRefused()
    {
        var options = new EscalationOptions();
        options.OnCallChain.Add(new EscalationContact("On-call", ContactChannel.Pager, ""));

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("On-call", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeWindow_IsRefused()
    {
        var options = new EscalationOptions { OutOfHoursResponseWindow = TimeSpan.FromMinutes(-30) };
        options.OnCallChain.Add(new EscalationContact("On-call", ContactChannel.Pager, "8887900"));

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
