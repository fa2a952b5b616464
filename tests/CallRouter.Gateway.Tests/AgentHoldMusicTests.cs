namespace CallRouter.Gateway.Tests;

public sealed class AgentHoldMusicTests
{
    private readonly FakeCallerChannel _caller = new();
    private readonly List<string> _steps = [];

    private AgentHoldMusic Create() => new(_caller, () => _steps.Add("bridge held"), () =>
    {
        _steps.Add("playback stopped");
        return Task.CompletedTask;
    }, () => _steps.Add("bridge resumed"));

    [Fact]
    public async Task AgentHolds_BridgeStopsRelayingAndCallerHearsMusic()
    {
        await using var hold = Create();

        await hold.SetAsync(held: true);

        Assert.True(hold.IsHeld);
        Assert.Equal(["bridge held"], _steps);
        Assert.Equal(1, _caller.MusicStarts);
    }

    [Fact]
    public async Task AgentResumes_MusicStopsBeforeTheBridgeRelaysAgain()
    {
        await using var hold = Create();
        await hold.SetAsync(held: true);

        await hold.SetAsync(held: false);

        Assert.False(hold.IsHeld);
        Assert.Equal(["bridge held", "playback stopped", "bridge resumed"], _steps);
    }

    [Fact]
    public async Task RepeatedHoldOrResume_ChangesNothing()
    {
        await using var hold = Create();

        await hold.SetAsync(held: false);
        await hold.SetAsync(held: true);
        await hold.SetAsync(held: true);

        Assert.Equal(["bridge held"], _steps);
        Assert.Equal(1, _caller.MusicStarts);
    }

    [Fact]
    public async Task CallEndsWhileHeld_MusicStopsWithoutResumingTheBridge()
    {
        var hold = Create();
        await hold.SetAsync(held: true);

        await hold.DisposeAsync();

        Assert.Equal(["bridge held", "playback stopped"], _steps);
    }
}
