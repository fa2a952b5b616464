using System.Text;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Sip.InteropTests;

/// <summary>Two CallRouter stacks on loopback: in-dialog requests, REFER/NOTIFY, INFO, CANCEL from our UAC, overload.</summary>
public class StackToStackTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);

    private static OutgoingCall Dial(SipStack caller, SipStack callee, TransportProtocol protocol, params KeyValuePair<string, string>[] headers)
    {
        int port = callee.Port(protocol);
        return caller.Call(new OutgoingCallOptions(SipUri.Parse($"sip:desk@127.0.0.1:{port}"), StackFixture.Loopback(protocol, port))
        {
            Sdp = StackFixture.AnswerSdp,
            Headers = headers,
        });
    }

    [Theory]
    [InlineData(TransportProtocol.Udp)]
    [InlineData(TransportProtocol.Tcp)]
    public async Task Call_WithInfoReferNotifyAndBye_EveryRequestReachesThePeer(TransportProtocol protocol)
    {
        await using var callee = await StackFixture.StartAsync();
        await using var caller = await StackFixture.StartAsync();
        var answered = new TaskCompletionSource<IncomingCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.OnInvite(async (call, _) =>
        {
            await call.AnswerAsync(StackFixture.AnswerSdp);
            answered.TrySetResult(call);
        });

        var outgoing = Dial(caller, callee, protocol, new KeyValuePair<string, string>("X-NS-Model", "NS-5"));
        Assert.Equal(200, (await outgoing.FinalResponse.WaitAsync(s_limit)).StatusCode);
        var incoming = await answered.Task.WaitAsync(s_limit);
        Assert.Equal(CallRouter.Sip.Dialogs.DialogState.Confirmed, outgoing.Dialog!.State);
        Assert.Equal(CallRouter.Sip.Dialogs.DialogState.Confirmed, incoming.Dialog!.State);
        Assert.Equal("NS-5", incoming.GetHeader("x-ns-model"));

        var info = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        incoming.InfoReceived += (_, m) => info.TrySetResult(m);
        var infoResponse = await outgoing.SendInDialogAsync("INFO", b => b.Body("application/dtmf-relay", Encoding.ASCII.GetBytes("Signal=5\r\nDuration=160\r\n"))).WaitAsync(s_limit);
        Assert.Equal(200, infoResponse.StatusCode);
        Assert.Contains("Signal=5", Encoding.ASCII.GetString((await info.Task.WaitAsync(s_limit)).Body.Span), StringComparison.Ordinal);

        var refer = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        outgoing.ReferReceived += (_, m) => refer.TrySetResult(m);
        var referResponse = await incoming.ReferAsync(SipUri.Parse("sip:l2@127.0.0.1"), "<sip:agent1@127.0.0.1>", "abc%40host;to-tag=1;from-tag=2").WaitAsync(s_limit);
        Assert.Equal(202, referResponse.StatusCode);
        var referRequest = await refer.Task.WaitAsync(s_limit);
        Assert.Contains("sip:l2@127.0.0.1?Replaces=", referRequest.GetHeader(HeaderKind.ReferTo), StringComparison.Ordinal);
        Assert.Equal("<sip:agent1@127.0.0.1>", referRequest.GetHeader(HeaderKind.ReferredBy));

        var notify = new TaskCompletionSource<SipMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        incoming.NotifyReceived += (_, m) => notify.TrySetResult(m);
        Assert.Equal(200, (await outgoing.NotifyReferProgressAsync(200).WaitAsync(s_limit)).StatusCode);
        var fragment = await notify.Task.WaitAsync(s_limit);
        Assert.StartsWith("message/sipfrag", fragment.ContentType, StringComparison.Ordinal);
        Assert.Equal("SIP/2.0 200 OK\r\n", Encoding.ASCII.GetString(fragment.Body.Span));
        Assert.StartsWith("terminated", fragment.GetHeader(HeaderKind.SubscriptionState), StringComparison.Ordinal);

        Assert.Equal(200, await incoming.HangupAsync().WaitAsync(s_limit));
        Assert.Equal(CallEndReason.RemoteHangup, await outgoing.Ended.WaitAsync(s_limit));
        Assert.Equal(CallEndReason.LocalHangup, await incoming.Ended.WaitAsync(s_limit));
    }

    [Fact]
    public async Task Cancel_FromOurUacWhileRinging_Gets487()
    {
        await using var callee = await StackFixture.StartAsync();
        await using var caller = await StackFixture.StartAsync();
        var ringing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.OnInvite(async (call, stopping) =>
        {
            call.Ring();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(call.Cancelled, stopping);
            await Task.Delay(TimeSpan.FromSeconds(30), linked.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });

        var outgoing = Dial(caller, callee, TransportProtocol.Udp);
        outgoing.Provisional += (_, r) => { if (r.StatusCode == 180) ringing.TrySetResult(); };
        await ringing.Task.WaitAsync(s_limit);
        Assert.Equal(CallRouter.Sip.Dialogs.DialogState.Early, outgoing.Dialog?.State);
        outgoing.Cancel();

        Assert.Equal(487, (await outgoing.FinalResponse.WaitAsync(s_limit)).StatusCode);
        Assert.Equal(CallEndReason.Cancelled, await outgoing.Ended.WaitAsync(s_limit));
    }

    [Fact]
    public async Task Invite_AboveCallCapacity_Gets503WithRetryAfter()
    {
        await using var callee = await StackFixture.StartAsync(o => o.MaxConcurrentCalls = 1);
        await using var caller = await StackFixture.StartAsync();
        callee.OnInvite((call, _) => call.AnswerAsync(StackFixture.AnswerSdp));
        var first = Dial(caller, callee, TransportProtocol.Udp);
        Assert.Equal(200, (await first.FinalResponse.WaitAsync(s_limit)).StatusCode);

        var second = await Dial(caller, callee, TransportProtocol.Udp).FinalResponse.WaitAsync(s_limit);

        Assert.Equal(503, second.StatusCode);
        Assert.Equal("5", second.GetHeader(HeaderKind.RetryAfter));
        Assert.Equal("Service Unavailable - At Capacity", second.ReasonPhrase);
    }

    [Fact]
    public async Task Invite_AbovePerSourceRate_Gets503RateLimit()
    {
        await using var callee = await StackFixture.StartAsync(o => o.MaxInvitesPerSecondPerSource = 2);
        await using var caller = await StackFixture.StartAsync();
        callee.OnInvite((call, _) =>
        {
            call.Reject(486);
            return Task.CompletedTask;
        });

        var statuses = new List<int>();
        for (int i = 0; i < 4; i++) statuses.Add((await Dial(caller, callee, TransportProtocol.Udp).FinalResponse.WaitAsync(s_limit)).StatusCode);

        Assert.Equal(2, statuses.Count(s => s == 486));
        Assert.Contains(503, statuses);
    }

    [Fact]
    public async Task Invite_NoAnswerAtAll_OurUacTimesOutWith408()
    {
        await using var caller = await StackFixture.StartAsync(o => o.T1Milliseconds = 20);
        int deadPort = LoopbackPorts.Free();

        var call = caller.Call(new OutgoingCallOptions(SipUri.Parse($"sip:nobody@127.0.0.1:{deadPort}"), StackFixture.Loopback(TransportProtocol.Udp, deadPort)));

        // Timer B = 64·T1 = 1.28 s here.
        Assert.Equal(408, (await call.FinalResponse.WaitAsync(s_limit)).StatusCode);
    }

    [Fact]
    public async Task StopAsync_WithAnsweredAndRingingCalls_ByesOneAndRefusesTheOther()
    {
        await using var callee = await StackFixture.StartAsync();
        await using var caller = await StackFixture.StartAsync();
        int invites = 0;
        var ringing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.OnInvite(async (call, stopping) =>
        {
            if (Interlocked.Increment(ref invites) == 1)
            {
                await call.AnswerAsync(StackFixture.AnswerSdp);
                return;
            }

            call.Ring();
            ringing.TrySetResult();
            await call.Ended;
        });
        var answered = Dial(caller, callee, TransportProtocol.Udp);
        Assert.Equal(200, (await answered.FinalResponse.WaitAsync(s_limit)).StatusCode);
        var waiting = Dial(caller, callee, TransportProtocol.Udp);
        await ringing.Task.WaitAsync(s_limit);

        await callee.StopAsync().WaitAsync(s_limit);

        Assert.Equal(CallEndReason.RemoteHangup, await answered.Ended.WaitAsync(s_limit));
        var refused = await waiting.FinalResponse.WaitAsync(s_limit);
        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("Service Unavailable - Shutting Down", refused.ReasonPhrase);
    }

    [Fact]
    public async Task Redirect_ByOurUas_GivesCallerA302WithTheContacts()
    {
        await using var callee = await StackFixture.StartAsync();
        await using var caller = await StackFixture.StartAsync();
        callee.OnInvite((call, _) =>
        {
            call.Redirect([SipUri.Parse("sip:switch@127.0.0.1:5090"), SipUri.Parse("sip:backup@127.0.0.1:5091")]);
            return Task.CompletedTask;
        });

        var final = await Dial(caller, callee, TransportProtocol.Udp).FinalResponse.WaitAsync(s_limit);

        Assert.Equal(302, final.StatusCode);
        Assert.Equal(["<sip:switch@127.0.0.1:5090>", "<sip:backup@127.0.0.1:5091>"], final.GetHeaderValues(HeaderKind.Contact));
    }

    [Fact]
    public async Task ReInvite_FromOurUac_IsAnsweredWithTheCurrentSessionAndAcked()
    {
        await using var callee = await StackFixture.StartAsync();
        await using var caller = await StackFixture.StartAsync();
        var answered = new TaskCompletionSource<IncomingCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        callee.OnInvite(async (call, _) =>
        {
            await call.AnswerAsync(StackFixture.AnswerSdp);
            answered.TrySetResult(call);
        });
        var outgoing = Dial(caller, callee, TransportProtocol.Tcp);
        Assert.Equal(200, (await outgoing.FinalResponse.WaitAsync(s_limit)).StatusCode);
        var incoming = await answered.Task.WaitAsync(s_limit);
        uint remoteSeqBefore = incoming.Dialog!.RemoteSeq!.Value;

        var response = await outgoing.ReInviteAsync(Encoding.ASCII.GetBytes("v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\n")).WaitAsync(s_limit);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(StackFixture.AnswerSdp, response.Body.ToArray());
        Assert.True(incoming.Dialog.RemoteSeq > remoteSeqBefore);
        Assert.Equal(200, await outgoing.HangupAsync().WaitAsync(s_limit));
        Assert.Equal(CallEndReason.RemoteHangup, await incoming.Ended.WaitAsync(s_limit));
    }

    [Fact]
    public async Task Authenticate_InviteWithoutCredentials_Gets401WithDigestChallenges()
    {
        await using var callee = await StackFixture.StartAsync();
        await using var caller = await StackFixture.StartAsync();
        var authenticator = new DigestAuthenticator(new RegistrarOptions { Realm = "switch", Credentials = { ["mfr-switch"] = "pw" } }, TimeProvider.System);
        callee.OnInvite(async (call, stopping) =>
        {
            if (!call.Authenticate(authenticator, out _)) return;
            await call.AnswerAsync(StackFixture.AnswerSdp);
        });

        var final = await Dial(caller, callee, TransportProtocol.Udp).FinalResponse.WaitAsync(s_limit);

        Assert.Equal(401, final.StatusCode);
        Assert.Contains("realm=\"switch\"", final.GetHeader(HeaderKind.WwwAuthenticate), StringComparison.Ordinal);
        Assert.True(await StackFixture.EventuallyAsync(() => callee.ActiveCalls == 0, s_limit));
    }
}
