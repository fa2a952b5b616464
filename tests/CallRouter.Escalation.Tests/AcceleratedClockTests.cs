using CallRouter.Escalation.Clock;
using CallRouter.Simulators.Ptas;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Escalation.Tests;

/// <summary>The test/QA clock shared by the desk server and the PTAS simulator (Escalation:Clock).</summary>
public sealed class AcceleratedClockTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 24, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GetUtcNow_TenRealSecondsAfterEpochAtSixty_IsTenSimulatedMinutesAfter()
    {
        var real = new FakeTimeProvider(Epoch.AddSeconds(10));

        var clock = new EpochAcceleratedTimeProvider(60, Epoch, real);

        Assert.Equal(Epoch.AddMinutes(10), clock.GetUtcNow());
    }

    [Fact]
    public void GetUtcNow_ProcessRestartedLater_AgreesWithTheClockBeforeTheRestart()
    {
        var real = new FakeTimeProvider(Epoch.AddSeconds(3));
        var beforeRestart = new EpochAcceleratedTimeProvider(60, Epoch, real);
        real.Advance(TimeSpan.FromSeconds(7));

        var afterRestart = new EpochAcceleratedTimeProvider(60, Epoch, real);

        Assert.Equal(beforeRestart.GetUtcNow(), afterRestart.GetUtcNow());
        Assert.Equal(Epoch.AddMinutes(10), afterRestart.GetUtcNow());
    }

    [Fact]
    public void GetUtcNow_SimulatorClockFromTheSameEpoch_AgreesWithTheDeskClock()
    {
        var real = new FakeTimeProvider(Epoch.AddSeconds(5));
        var desk = new EpochAcceleratedTimeProvider(60, Epoch, real);
        var simulator = AcceleratedTimeProvider.FromEpoch(60, Epoch, real);

        real.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(desk.GetUtcNow(), simulator.GetUtcNow());
        Assert.Equal(Epoch.AddMinutes(25), simulator.GetUtcNow());
    }

    [Fact]
    public async Task Delay_ThirtySimulatedMinutesAtSixty_CompletesAfterThirtyRealSeconds()
    {
        var real = new FakeTimeProvider(Epoch);
        var clock = new EpochAcceleratedTimeProvider(60, Epoch, real);

        var delay = Task.Delay(TimeSpan.FromMinutes(30), clock);
        real.Advance(TimeSpan.FromSeconds(29));
        Assert.False(delay.IsCompleted);
        real.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Epoch.AddMinutes(30), clock.GetUtcNow());
    }

    [Fact]
    public void CreateClock_NothingConfigured_IsTheRealClock()
    {
        Assert.Null(new AcceleratedClockSettings().CreateClock("CallRouter:Escalation"));
    }

    [Fact]
    public void CreateClock_SpeedAndEpoch_RunsFromTheEpoch()
    {
        var real = new FakeTimeProvider(Epoch.AddSeconds(1));

        var clock = new AcceleratedClockSettings { Speed = "120", Epoch = "2026-11-24T09:00:00-05:00" }.CreateClock("CallRouter:Escalation", real);

        Assert.NotNull(clock);
        Assert.Equal(Epoch.AddMinutes(2), clock.GetUtcNow());
    }

    [Theory]
    [InlineData("60", null, "needs both Speed and Epoch")]
    [InlineData(null, "2026-11-24T14:00:00Z", "needs both Speed and Epoch")]
    [InlineData("fast", "2026-11-24T14:00:00Z", "CallRouter:Escalation:Clock:Speed \"fast\" is not a factor")]
    [InlineData("0", "2026-11-24T14:00:00Z", "Clock:Speed \"0\" is not a factor")]
    [InlineData("1e9", "2026-11-24T14:00:00Z", "at most 100000")]
    [InlineData("60", "2026-11-24 14:00", "Clock:Epoch \"2026-11-24 14:00\" is not an ISO 8601 instant with an offset")]
    [InlineData("60", "2026-11-24T14:00:00", "with an offset")]
    [InlineData("60", "yesterday", "Clock:Epoch \"yesterday\"")]
    public void CreateClock_Malformed_NamesTheSettingAndTheValue(string? speed, string? epoch, string expected)
    {
        var settings = new AcceleratedClockSettings { Speed = speed, Epoch = epoch };

        var ex = Assert.Throws<ArgumentException>(() => settings.CreateClock("CallRouter:Escalation"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
