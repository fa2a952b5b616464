using System.Text;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Sip.InteropTests;

/// <summary>
/// A peer's re-INVITE with an offer (a softphone's hold or resume) is answered by the application's answerer:
/// its answer goes in the 200 and becomes the call's session; a refusal is a 488 that keeps the dialog.
/// </summary>
public sealed class ReInviteOfferAnswererTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(20);

    private static readonly byte[] HoldOffer = Encoding.ASCII.GetBytes(
        "v=0\r\no=- 2 3 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\na=sendonly\r\n");

    private static readonly byte[] HoldAnswer = Encoding.ASCII.GetBytes(
        "v=0\r\no=callrouter 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=recvonly\r\n");

    [Fact]
    public async Task ReInviteWithOffer_AnswererGivesAnswer_200CarriesItAndItBecomesTheLocalSession()
    {
        await using var pair = await CallPair.StartAsync();
        byte[]? offered = null;
        pair.Incoming.ReInviteOfferAnswerer = offer =>
        {
            offered = offer.ToArray();
            return HoldAnswer;
        };

        var response = await pair.Outgoing.ReInviteAsync(HoldOffer).WaitAsync(s_limit);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(HoldOffer, offered);
        Assert.Equal(HoldAnswer, response.Body.ToArray());
        Assert.Equal(HoldAnswer, pair.Incoming.LocalSdp.ToArray());
        Assert.Equal(200, await pair.Outgoing.HangupAsync().WaitAsync(s_limit));
    }

    [Fact]
    public async Task ReInviteWithOffer_AnswererRefuses_Gets488AndTheCallGoesOn()
    {
        await using var pair = await CallPair.StartAsync();
        pair.Incoming.ReInviteOfferAnswerer = _ => null;

        var response = await pair.Outgoing.ReInviteAsync(HoldOffer).WaitAsync(s_limit);

        Assert.Equal(488, response.StatusCode);
        Assert.Equal(StackFixture.AnswerSdp, pair.Incoming.LocalSdp.ToArray());
        Assert.Equal(200, await pair.Outgoing.HangupAsync().WaitAsync(s_limit));
        Assert.Equal(CallEndReason.RemoteHangup, await pair.Incoming.Ended.WaitAsync(s_limit));
    }

    [Fact]
    public async Task ReInviteToOurUac_AnswererOnOutgoingCall_AnswersTheCalleesOffer()
    {
        await using var pair = await CallPair.StartAsync();
        pair.Outgoing.ReInviteOfferAnswerer = _ => HoldAnswer;

        var response = await pair.Incoming.ReInviteAsync(HoldOffer).WaitAsync(s_limit);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(HoldAnswer, response.Body.ToArray());
        Assert.Equal(200, await pair.Incoming.HangupAsync().WaitAsync(s_limit));
    }

    /// <summary>Two stacks on loopback with one answered call between them.</summary>
    private sealed class CallPair : IAsyncDisposable
    {
        private readonly SipStack _callee;
        private readonly SipStack _caller;

        private CallPair(SipStack callee, SipStack caller, OutgoingCall outgoing, IncomingCall incoming)
        {
            _callee = callee;
            _caller = caller;
            Outgoing = outgoing;
            Incoming = incoming;
        }

        public OutgoingCall Outgoing { get; }

        public IncomingCall Incoming { get; }

        public static async Task<CallPair> StartAsync()
        {
            var callee = await StackFixture.StartAsync();
            var caller = await StackFixture.StartAsync();
            var answered = new TaskCompletionSource<IncomingCall>(TaskCreationOptions.RunContinuationsAsynchronously);
            callee.OnInvite(async (call, _) =>
            {
                await call.AnswerAsync(StackFixture.AnswerSdp);
                answered.TrySetResult(call);
            });
            int port = callee.Port(TransportProtocol.Udp);
            var outgoing = caller.Call(new OutgoingCallOptions(SipUri.Parse($"sip:desk@127.0.0.1:{port}"), StackFixture.Loopback(TransportProtocol.Udp, port))
            {
                Sdp = StackFixture.AnswerSdp,
            });
            Assert.Equal(200, (await outgoing.FinalResponse.WaitAsync(s_limit)).StatusCode);
            return new CallPair(callee, caller, outgoing, await answered.Task.WaitAsync(s_limit));
        }

        public async ValueTask DisposeAsync()
        {
            await _caller.DisposeAsync();
            await _callee.DisposeAsync();
        }
    }
}
