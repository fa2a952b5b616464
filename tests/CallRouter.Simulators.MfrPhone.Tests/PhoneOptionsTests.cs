namespace CallRouter.Simulators.MfrPhone.Tests;

/// <summary>The simulator's command line.</summary>
public sealed class PhoneOptionsTests
{
    [Fact]
    public void Parse_NoArguments_AnswersAfterOneSecondAndPressesOneAfterThree()
    {
        var options = PhoneOptions.Parse([]);

        Assert.Equal((5090, "127.0.0.1"), (options.Port, options.Host.ToString()));
        Assert.Equal(new PhoneBehaviour(PhoneBehaviourKind.AnswerAfter, TimeSpan.FromSeconds(1)), options.BehaviourFor(1));
        Assert.Equal((TimeSpan.FromSeconds(3), '1'), (options.AckAfter, options.AckDigit));
    }

    [Fact]
    public void Parse_EveryOption_IsKept()
    {
        var options = PhoneOptions.Parse(["--port", "0", "--host", "::1", "--behaviour", "busy", "--behaviour", "answer-after 2.5",
            "--ack-after", "4", "--ack-digit", "#", "--max-call", "30", "--rtp-ports", "44000-44099", "--max-runtime", "60"]);

        Assert.Equal((0, "::1"), (options.Port, options.Host.ToString()));
        Assert.Equal([PhoneBehaviourKind.Busy, PhoneBehaviourKind.AnswerAfter], options.Behaviours.Select(b => b.Kind));
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Behaviours[1].AnswerAfter);
        Assert.Equal((TimeSpan.FromSeconds(4), '#', TimeSpan.FromSeconds(30)), (options.AckAfter, options.AckDigit, options.MaxCall));
        Assert.Equal((44000, 44099, TimeSpan.FromSeconds(60)), (options.RtpPortStart, options.RtpPortEnd, options.MaxRuntime));
    }

    [Fact]
    public void BehaviourFor_MoreCallsThanBehaviours_TheLastOneRepeats()
    {
        var options = PhoneOptions.Parse(["--behaviour", "busy", "--behaviour", "never"]);

        Assert.Equal([PhoneBehaviourKind.Busy, PhoneBehaviourKind.Never, PhoneBehaviourKind.Never],
            new[] { 1, 2, 3 }.Select(n => options.BehaviourFor(n).Kind));
    }

    [Theory]
    [InlineData("answer-no-ack", PhoneBehaviourKind.AnswerNoAck, 0)]
    [InlineData("answer-no-ack 4", PhoneBehaviourKind.AnswerNoAck, 4)]
    [InlineData("NEVER", PhoneBehaviourKind.Never, 0)]
    [InlineData("answer-after 0", PhoneBehaviourKind.AnswerAfter, 0)]
    public void PhoneBehaviourParse_ValidText_GivesKindAndRingTime(string text, PhoneBehaviourKind kind, double seconds)
    {
        Assert.Equal(new PhoneBehaviour(kind, TimeSpan.FromSeconds(seconds)), PhoneBehaviour.Parse(text));
    }

    [Theory]
    [InlineData("--host", "192.0.2.1", "not a loopback address")]
    [InlineData("--port", "70000", "not a port number")]
    [InlineData("--behaviour", "answer-after", "one number of seconds")]
    [InlineData("--behaviour", "busy 3", "no number")]
    [InlineData("--behaviour", "hang-up", "unknown \"hang-up\"")]
    [InlineData("--behaviour", "answer-after -1", "not a number of seconds")]
    [InlineData("--ack-digit", "12", "not one key")]
    [InlineData("--rtp-ports", "42000", "not a range")]
    [InlineData("--ack-after", "soon", "not a number of seconds")]
    [InlineData("--colour", "red", "unknown option --colour")]
    public void Parse_BadValue_IsRefusedNamingIt(string option, string value, string expected)
    {
        var refused = Assert.Throws<FormatException>(() => PhoneOptions.Parse([option, value]));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValue_IsRefused()
    {
        Assert.Contains("--port needs a value", Assert.Throws<FormatException>(() => PhoneOptions.Parse(["--port"])).Message, StringComparison.Ordinal);
    }
}
