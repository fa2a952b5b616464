namespace CallRouter.Gateway.Tests;

/// <summary>Hold and resume from the agent's console: the agent's leg is re-INVITEd first, then the caller gets music.</summary>
public sealed class ConsoleHoldTests
{
    private readonly FakeCallerChannel _caller = new();
    private readonly List<string> _steps = [];
    private bool _phoneAgrees = true;

    private (ConsoleHold Console, AgentHoldMusic Music) Create()
    {
        var music = new AgentHoldMusic(_caller, () => _steps.Add("bridge held"), () =>
        {
            _steps.Add("playback stopped");
            return Task.CompletedTask;
        }, () => _steps.Add("bridge resumed"));
        var console = new ConsoleHold(music, held =>
        {
            _steps.Add(held ? "agent re-INVITEd sendonly" : "agent re-INVITEd sendrecv");
            return Task.FromResult(_phoneAgrees);
        });
        return (console, music);
    }

    [Fact]
    public async Task HoldThenResume_ReInvitesTheAgentAndPlaysMusicToTheCallerMeanwhile()
    {
        var (console, music) = Create();
        await using var _ = music;

        Assert.True(await console.ApplyAsync(held: true));
        Assert.True(music.IsHeld);
        Assert.Equal(1, _caller.MusicStarts);
        Assert.True(await console.ApplyAsync(held: false));

        Assert.False(music.IsHeld);
        Assert.Equal(["agent re-INVITEd sendonly", "bridge held", "agent re-INVITEd sendrecv", "playback stopped", "bridge resumed"], _steps);
    }

    [Fact]
    public async Task AgentPhoneRefusesTheHold_CallerStaysBridgedWithoutMusic()
    {
        var (console, music) = Create();
        await using var _ = music;
        _phoneAgrees = false;

        Assert.False(await console.ApplyAsync(held: true));

        Assert.False(music.IsHeld);
        Assert.Equal(0, _caller.MusicStarts);
        Assert.Equal(["agent re-INVITEd sendonly"], _steps);
    }

    [Fact]
    public async Task HoldWhileAlreadyHeld_SendsNoReInvite()
    {
        var (console, music) = Create();
        await using var _ = music;
        await music.SetAsync(held: true);

        Assert.True(await console.ApplyAsync(held: true));

        Assert.Equal(["bridge held"], _steps);
    }
}
