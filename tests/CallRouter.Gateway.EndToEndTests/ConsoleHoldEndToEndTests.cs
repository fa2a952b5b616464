using System.Diagnostics;
using CallRouter.Contracts.V1;
using CallRouter.Media.InteropTests;

namespace CallRouter.Gateway.EndToEndTests;

/// <summary>
/// Hold and resume asked for from the agent's console (not her softphone): the core tells the gateway, which
/// re-INVITEs alice's registered baresip sendonly and plays music to the caller, then back to sendrecv. The caller's
/// recording shows what the caller heard while held and after the resume.
/// </summary>
public sealed class ConsoleHoldEndToEndTests
{
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan AfterResume = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The held stretch is found by counting back from the recording's end, which meets the hang-up only to
    /// within the time the BYE and baresip's file flush take: this much is left out at both edges.
    /// </summary>
    private static readonly TimeSpan EdgeMargin = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task AgentConsole_HoldsAndResumes_GatewayReInvitesHerPhoneCallerHearsMusicThenHerAgain()
    {
        TimeSpan holdToHangup = TimeSpan.Zero;
        TimeSpan resumeToHangup = TimeSpan.Zero;
        var callerHeard = await BaresipEndToEndTests.TalkAsync(duringTalk: async talk =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            int reInvitesBefore = CountRemoteSdpOffers(talk.Agent);

            await talk.Console.HoldAsync(talk.CallId, hold: true);
            await CallFlowEndToEndTests.WaitForOutputAsync(talk.Server, "console asks to hold the caller");
            await WaitForRemoteOfferAsync(talk, reInvitesBefore + 1);
            var held = Stopwatch.StartNew();
            await Task.Delay(Held);

            await talk.Console.HoldAsync(talk.CallId, hold: false);
            await CallFlowEndToEndTests.WaitForOutputAsync(talk.Server, "console asks to resume");
            await WaitForRemoteOfferAsync(talk, reInvitesBefore + 2);
            var resumed = Stopwatch.StartNew();
            await Task.Delay(AfterResume);

            Assert.DoesNotContain("refused the console's hold", talk.Server.Output, StringComparison.Ordinal);
            holdToHangup = held.Elapsed;
            resumeToHangup = resumed.Elapsed;
        });

        // The recording ends at the hang-up: count back from its end to the seconds the caller was held.
        int Samples(TimeSpan t) => (int)(t.TotalSeconds * BaresipPhone.SampleRate);
        int heldFrom = Math.Max(0, callerHeard.Length - Samples(holdToHangup) + Samples(EdgeMargin));
        int heldTo = Math.Max(heldFrom, callerHeard.Length - Samples(resumeToHangup) - Samples(EdgeMargin));
        var whileHeld = callerHeard[heldFrom..heldTo];
        Assert.True(whileHeld.Length >= BaresipPhone.SampleRate, $"too little audio while held: {whileHeld.Length} samples");
        Assert.True(ToneAnalysis.Rms(whileHeld) > 300, "the caller heard no music while on hold");
        // Alice's tone is a pure 1 kHz sine; the hold music has a 1,046 Hz harmonic, so only a pure-tone test tells them apart.
        Assert.False(BaresipEndToEndTests.HasPureToneWindow(whileHeld, BaresipEndToEndTests.AgentTone), "the caller heard alice while on hold");

        var lastSeconds = callerHeard[Math.Max(0, callerHeard.Length - Samples(AfterResume - TimeSpan.FromSeconds(0.5)))..];
        Assert.True(BaresipEndToEndTests.HasPureToneWindow(lastSeconds, BaresipEndToEndTests.AgentTone), "after the resume the caller no longer heard alice");
    }

    [Fact]
    public async Task AgentConsole_HoldForAnotherAgentsCall_IsRejectedAndTheCallCarriesOn()
    {
        await BaresipEndToEndTests.TalkAsync(duringTalk: async talk =>
        {
            int offersBefore = CountRemoteSdpOffers(talk.Agent);

            // bob (L1, not NS10) is logged in elsewhere; alice's call is not his to hold.
            await using var bob = await AgentConsole.OpenAsync(talk.Channel, "bob", "demo-bob");
            await bob.HoldAsync(talk.CallId, hold: true);
            var rejected = await bob.NextAsync(AgentEvent.EventOneofCase.Rejected, BaresipEndToEndTests.Step);
            Assert.Equal("PermissionDenied", rejected.Rejected.Code);

            // alice's own console asking for a call that does not exist is refused too.
            await talk.Console.HoldAsync("no-such-call", hold: true);
            var unknown = await talk.Console.NextAsync(AgentEvent.EventOneofCase.Rejected, BaresipEndToEndTests.Step);
            Assert.Equal("FailedPrecondition", unknown.Rejected.Code);

            // Talk goes on (the case's talk time is checked from 4 s on).
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.DoesNotContain("console asks to hold the caller", talk.Server.Output, StringComparison.Ordinal);
            Assert.Equal(offersBefore, CountRemoteSdpOffers(talk.Agent));
        });
    }

    /// <summary>baresip reports each SDP offer it got from the gateway after the call was set up (a re-INVITE).</summary>
    private static int CountRemoteSdpOffers(BaresipControl agent) =>
        agent.Transcript.Split('\n').Count(m => m.Contains("\"CALL_REMOTE_SDP\"", StringComparison.Ordinal) && m.Contains("offer", StringComparison.Ordinal));

    private static async Task WaitForRemoteOfferAsync(TalkingCall talk, int count)
    {
        var until = DateTime.UtcNow + BaresipEndToEndTests.Step;
        while (CountRemoteSdpOffers(talk.Agent) < count)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"alice's phone got no re-INVITE #{count}\n{talk.Agent.Transcript}\n{talk.AgentPhone.Output}\n{talk.Server.Output}");
            }

            await Task.Delay(100);
        }
    }
}
