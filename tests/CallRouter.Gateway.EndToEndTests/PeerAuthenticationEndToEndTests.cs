using static CallRouter.Gateway.EndToEndTests.CallFlowEndToEndTests;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// Digest authentication of the switch (CallRouter:Gateway:PeerAuthentication) on top of the address allow-list:
/// the first INVITE is challenged, the retry with the right credentials is taken, wrong ones are challenged again.
/// </summary>
public sealed class PeerAuthenticationEndToEndTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["CallRouter__Gateway__PeerAuthentication__Credentials__switch"] = "switch-secret",
        // SIPp answers MD5 challenges only.
        ["CallRouter__Gateway__PeerAuthentication__Algorithms__0"] = "MD5",
    };

    [Fact]
    public async Task SwitchWithRightCredentials_AnswersChallengeAndCallIsTaken()
    {
        await using var server = await GatewayServer.StartAsync(Settings);
        using var channel = server.CreateChannel();
        var supervisor = await SupervisorAsync(channel);

        await using var caller = SippRunner.Start(CallerArguments(server, "caller_authenticated.xml", "NS10", "-au", "switch", "-ap", "switch-secret"));

        // 401, the INVITE again with credentials, 200, the IVR, hold; then the caller hangs up.
        await WaitForAsync(supervisor, s => s.CallsWaiting == 1, "the authenticated call to be queued", server, caller);
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        await WaitForAsync(supervisor, s => s.CallsAbandonedToday == 1 && s.CallsWaiting == 0, "the call to be abandoned", server, caller);
    }

    [Fact]
    public async Task SwitchWithWrongPassword_IsChallengedAgainAndNothingIsQueued()
    {
        await using var server = await GatewayServer.StartAsync(Settings);
        using var channel = server.CreateChannel();
        var supervisor = await SupervisorAsync(channel);

        await using var caller = SippRunner.Start(CallerArguments(server, "caller_auth_refused.xml", "NS10", "-au", "switch", "-ap", "not-the-secret"));

        // The scenario fails unless the INVITE with the wrong credentials gets 401 again.
        Assert.True(await caller.WaitAsync(SippLimit) == 0, caller.Describe() + server.Output);
        var snapshot = await supervisor();
        Assert.Equal(0, snapshot.CallsWaiting);
        Assert.DoesNotContain("queued at position", server.Output, StringComparison.Ordinal);
    }
}
