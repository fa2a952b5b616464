using CallRouter.Simulators.Storm.Profile;

namespace CallRouter.Simulators.Storm.Tests;

public sealed class ProfileLoaderTests
{
    [Fact]
    public void FromJson_FullProfile_ReadsEveryKeyGiven()
    {
        const string json = """
        {
          // comments are allowed
          "grpcAddress": "http://127.0.0.1:6000",
          "sipServer": "127.0.0.1:5070",
          "callRate": 12.5,
          "calls": 300,
          "maxDurationSeconds": 120,
          "patienceSeconds": 90,
          "models": { "NS10": 3, "NS Remote": 1 },
          "severities": { "1": 1, "4": 2 },
          "agents": 40,
          "thinkSeconds": 0.5,
          "talkSeconds": 20,
          "wrapUpSeconds": 2,
          "noAnswerShare": 0.1,
          "busyShare": 0.05,
          "registerSoftphones": false,
        }
        """;

        var profile = ProfileLoader.FromJson(json, "test.json");

        Assert.Equal("http://127.0.0.1:6000", profile.GrpcAddress);
        Assert.Equal("127.0.0.1:5070", profile.SipServer);
        Assert.Equal(12.5, profile.CallRate);
        Assert.Equal(300, profile.Calls);
        Assert.Equal(90, profile.PatienceSeconds);
        Assert.Equal(3, profile.Models["NS10"]);
        Assert.Equal(1, profile.Models["NS Remote"]);
        Assert.Equal(2, profile.Severities[4]);
        Assert.Equal(40, profile.Agents);
        Assert.Equal(0.1, profile.NoAnswerShare);
        Assert.False(profile.RegisterSoftphones);
        Assert.Empty(ProfileValidator.Validate(profile));
    }

    [Fact]
    public void FromJson_MisspeltKey_ErrorNamesTheKeyAndTheFile()
    {
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.FromJson("""{ "callrate": 5 }""", "storm.json"));

        Assert.Contains("storm.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("callrate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_BrokenJson_ErrorGivesTheLine()
    {
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.FromJson("{\n  \"calls\": 5,\n  \"agents\": ,\n}", "storm.json"));

        Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_WrongType_ErrorSaysNotAValidProfile()
    {
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.FromJson("""{ "calls": "many" }""", "storm.json"));

        Assert.Contains("not a valid storm profile", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_MissingFile_ErrorNamesThePath()
    {
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.FromFile("/nonexistent/storm.json"));

        Assert.Contains("/nonexistent/storm.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyOverrides_CommandLineOptions_ReplaceProfileValues()
    {
        var profile = ProfileLoader.ApplyOverrides(new StormProfile(),
            ["--rate", "7.5", "--calls", "70", "--agents", "9", "--talk", "4", "--models", "NS100=2, NS-5=1", "--severities", "1=1,3=2",
             "--no-register", "--admin", "root:secret-pw", "--busy", "0.2", "--digits", "info"]);

        Assert.Equal(7.5, profile.CallRate);
        Assert.Equal(70, profile.Calls);
        Assert.Equal(9, profile.Agents);
        Assert.Equal(4, profile.TalkSeconds);
        Assert.Equal(new Dictionary<string, double> { ["NS100"] = 2, ["NS-5"] = 1 }, profile.Models);
        Assert.Equal(new Dictionary<int, double> { [1] = 1, [3] = 2 }, profile.Severities);
        Assert.False(profile.RegisterSoftphones);
        Assert.Equal(("root", "secret-pw"), (profile.AdminUser, profile.AdminPassword));
        Assert.Equal(0.2, profile.BusyShare);
        Assert.Equal("info", profile.Digits);
    }

    [Theory]
    [InlineData(new[] { "--colour", "red" }, "unknown option '--colour'")]
    [InlineData(new[] { "--rate" }, "option --rate needs a value")]
    [InlineData(new[] { "--rate", "fast" }, "option --rate: 'fast' is not a number")]
    [InlineData(new[] { "--calls", "2.5" }, "option --calls: '2.5' is not a whole number")]
    [InlineData(new[] { "--models", "NS10" }, "option --models: 'NS10' should be name=weight")]
    [InlineData(new[] { "--severities", "2=1,2=3" }, "option --severities: '2' is given twice")]
    [InlineData(new[] { "--admin", "root" }, "option --admin needs user:password")]
    public void ApplyOverrides_BadOption_ClearError(string[] arguments, string expected)
    {
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.ApplyOverrides(new StormProfile(), arguments));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ProfileFileAndOverrides_OverridesWin()
    {
        string file = Path.Combine(Path.GetTempPath(), $"storm-profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{ "calls": 50, "callRate": 5, "agents": 10 }""");
        try
        {
            var command = StormCommandLine.Parse(["run", "--profile", file, "--agents", "3"]);

            Assert.Equal("run", command.Verb);
            Assert.Equal(50, command.Profile.Calls);
            Assert.Equal(3, command.Profile.Agents);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_UnknownVerb_ClearError()
    {
        var e = Assert.Throws<ProfileException>(() => StormCommandLine.Parse(["storm"]));

        Assert.Contains("run, check or server-env", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerSettings_ForProfile_GivesEverySoftphonePassword()
    {
        var settings = ServerSettings.For(new StormProfile { Agents = 3, AgentPrefix = "qa", AgentPassword = "pw-123456" });

        Assert.Equal("pw-123456", settings["CallRouter__Gateway__AgentCredentials__qa0001"]);
        Assert.Equal("pw-123456", settings["CallRouter__Gateway__AgentCredentials__qa0003"]);
        Assert.False(settings.ContainsKey("CallRouter__Gateway__AgentCredentials__qa0004"));
    }
}
