using CallRouter.Simulators.Ptas;

namespace CallRouter.Escalation.Tests;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Parse_EngineerLines_ReadsBehaviourMinutesAndName()
    {
        var options = SimulatorOptions.Parse(["--engineer", "8887900 answer-after 12 Dana Smith", "--engineer", "8887901 answer-then-drop 3 2", "--clock-speed", "60"]);

        Assert.Equal(60, options.ClockSpeed);
        Assert.Equal(new EngineerBehaviour("8887900", EngineerBehaviourKind.AnswerAfter, TimeSpan.FromMinutes(12), TimeSpan.Zero, "Dana Smith"), options.Engineers[0]);
        Assert.Equal(EngineerBehaviourKind.AnswerThenDrop, options.Engineers[1].Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Engineers[1].DropAfter);
    }

    [Fact]
    public void Parse_ScriptFile_SkipsCommentsAndBlankLines()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["# pager behaviour name", "", "MFRTS never   # the PTAS account", "* answer-after 5"]);

            var options = SimulatorOptions.Parse(["--script", file]);

            Assert.Equal(["MFRTS", "*"], options.Engineers.Select(e => e.PagerId));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--engineer", "8887900 sometimes", "unknown behaviour")]
    [InlineData("--engineer", "8887900 answer-after soon", "not a number of minutes")]
    [InlineData("--engineer", "8887900 answer-then-drop 3", "needs 2 number(s)")]
    [InlineData("--host", "10.0.0.1", "not a loopback address")]
    [InlineData("--clock-speed", "0", "not a factor")]
    [InlineData("--port", "70000", "not a port number")]
    [InlineData("--color", "red", "unknown option")]
    [InlineData("--clock-epoch", "2026-11-24 14:00", "not an ISO 8601 instant with an offset")]
    [InlineData("--clock-epoch", "2026-11-24T14:00:00", "not an ISO 8601 instant with an offset")]
    [InlineData("--notify-token", "two words", "printable ASCII without spaces")]
    public void Parse_BadOption_ThrowsNamingTheProblem(string name, string value, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SimulatorOptions.Parse([name, value]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClockEpochAndNotifyToken_AreKept()
    {
        var options = SimulatorOptions.Parse(["--clock-epoch", "2026-11-24T14:00:00Z", "--notify-token", "s3cret", "--notify-url", "http://127.0.0.1:8080/escalation/ptas/unreachable"]);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero), options.ClockEpoch);
        Assert.Equal("s3cret", options.NotifyToken);
    }

    [Fact]
    public void AcceleratedTimeProvider_SixtyTimes_ScalesTimersToRealTime()
    {
        var clock = new AcceleratedTimeProvider(60, new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromSeconds(30), clock.ToReal(TimeSpan.FromMinutes(30)));
        Assert.True(clock.GetUtcNow() >= new DateTimeOffset(2026, 11, 28, 18, 0, 0, TimeSpan.Zero));
    }
}
