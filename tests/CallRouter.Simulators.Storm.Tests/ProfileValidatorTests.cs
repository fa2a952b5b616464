using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Tests;

public sealed class ProfileValidatorTests
{
    public static TheoryData<StormProfile, string> BadProfiles => new()
    {
        { new StormProfile { GrpcAddress = "http://10.1.2.3:50051" }, "grpcAddress" },
        { new StormProfile { GrpcAddress = "not a url" }, "grpcAddress" },
        { new StormProfile { SipServer = "192.0.2.1:5060" }, "sipServer" },
        { new StormProfile { SipServer = "127.0.0.1" }, "sipServer" },
        { new StormProfile { CallRate = 0 }, "callRate" },
        { new StormProfile { Calls = 0 }, "calls" },
        { new StormProfile { Calls = 1000, CallRate = 1, MaxDurationSeconds = 600 }, "too short to place 1000 calls" },
        { new StormProfile { PatienceSeconds = 5, TalkSeconds = 10 }, "patienceSeconds" },
        { new StormProfile { Models = new Dictionary<string, double> { ["NS7"] = 1 } }, "'NS7' is not a model" },
        { new StormProfile { Models = new Dictionary<string, double>() }, "models: at least one entry" },
        { new StormProfile { Models = new Dictionary<string, double> { ["NS10"] = 0 } }, "models: the weights must add up" },
        { new StormProfile { Severities = new Dictionary<int, double> { [5] = 1 } }, "'5' is not a severity" },
        { new StormProfile { Severities = new Dictionary<int, double> { [2] = -1 } }, "must be 0 or more" },
        { new StormProfile { Agents = 0 }, "agents" },
        { new StormProfile { AgentPrefix = "Storm Agents" }, "agentPrefix" },
        { new StormProfile { AgentPassword = "short" }, "agentPassword" },
        { new StormProfile { TalkSeconds = 0 }, "talkSeconds" },
        { new StormProfile { BusyShare = 0.6, NoAnswerShare = 0.5 }, "noAnswerShare + busyShare" },
        { new StormProfile { NoAnswerShare = -0.1 }, "noAnswerShare" },
        { new StormProfile { AgentRtpPortStart = 40000, AgentRtpPortEnd = 40001 }, "agentRtpPortStart" },
        { new StormProfile { LocalAddress = "0.0.0.0" }, "localAddress" },
        { new StormProfile { AgentRtpReceiveThreads = -1 }, "agentRtpReceiveThreads" },
        { new StormProfile { Digits = "inband" }, "digits: 'inband' must be rfc4733 or info" },
    };

    [Fact]
    public void Validate_DefaultProfile_HasNoErrors() => Assert.Empty(ProfileValidator.Validate(new StormProfile()));

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public void Validate_BadValue_ErrorNamesTheKey(StormProfile profile, string expected)
    {
        var errors = ProfileValidator.Validate(profile);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void EnsureValid_SeveralProblems_ListsThemAll()
    {
        var e = Assert.Throws<ProfileException>(() => ProfileValidator.EnsureValid(new StormProfile { CallRate = -1, Agents = 0 }));

        Assert.Contains("callRate", e.Message, StringComparison.Ordinal);
        Assert.Contains("agents", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NS-5")]
    [InlineData("ns 10")]
    [InlineData("NS Remote")]
    [InlineData("ns100")]
    public void Validate_ModelSpelledAsTheSwitchMight_Accepted(string model) =>
        Assert.Empty(ProfileValidator.Validate(new StormProfile { Models = new Dictionary<string, double> { [model] = 1 } }));
}
