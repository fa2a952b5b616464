using System.Collections.Concurrent;
using System.Net;
using System.Text;
using CallRouter.Media;
using CallRouter.Media.Audio;
using CallRouter.Media.Sdp;
using CallRouter.Simulators.Storm.Reporting;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Simulators.Storm.Agents;

/// <summary>
/// The agents' softphones: one SIP endpoint (our own stack) and one media engine shared by every storm
/// agent; the gateway's INVITE names the agent in its Request-URI (the registered contact). Each call is
/// answered, refused busy or left ringing as the profile's shares say; an answered call sends audio at
/// 50 packets/s until the talk time is over, then hangs up, and its RTP figures go to the tally.
/// </summary>
internal sealed class Softphones : IAsyncDisposable
{
    private readonly SipStack _sip;
    private readonly MediaEngine _media;
    private readonly AgentBehaviour _behaviour;
    private readonly AgentTally _tally;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _invites;
    private readonly AudioClip _voice;
    private readonly Random _draws;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _calls = new();

    public Softphones(IPAddress local, int port, int rtpStart, int rtpEnd, int rtpReceiveThreads, AgentBehaviour behaviour, AgentTally tally,
        ConcurrentDictionary<string, DateTimeOffset> invites, int seed)
    {
        _behaviour = behaviour;
        _tally = tally;
        _invites = invites;
        _draws = new Random(seed);
        _sip = new SipStack(new SipStackOptions
        {
            ListenAddresses = [new IPEndPoint(local, port).ToString()],
            EnableTcp = false,
            ContactUser = "storm",
            UserAgent = "callrouter-storm",
            MaxConcurrentCalls = 100_000,
            MaxInvitesPerSecondPerSource = 100_000,
        });
        var media = new MediaEngineOptions { BindAddress = local, PortRangeStart = rtpStart, PortRangeEnd = rtpEnd };
        _media = new MediaEngine(rtpReceiveThreads > 0 ? media with { RtpReceiveThreads = rtpReceiveThreads } : media, TimeProvider.System);
        // Something audible to talk with: the shipped hold music, looped for the whole talk time.
        _voice = _media.Prompts.Get(PromptIds.HoldMusic);
        _sip.OnInvite((call, stopping) =>
        {
            var task = AnswerAsync(call, stopping);
            _calls.TryAdd(task, 0);
            _ = task.ContinueWith(t => _calls.TryRemove(t, out _), TaskScheduler.Default);
            return task;
        });
    }

    public SipStack Sip => _sip;

    public Task StartAsync(CancellationToken cancellationToken) => _sip.StartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_calls.Keys).WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Calls still hanging on are ended by the stack's shutdown below.
        }

        await _sip.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private double Draw()
    {
        lock (_draws) return _draws.NextDouble();
    }

    private async Task AnswerAsync(IncomingCall call, CancellationToken stopping)
    {
        // Off the SIP dispatcher before any real work.
        await Task.Yield();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping, _stop.Token);
        double draw = Draw();
        if (draw < _behaviour.BusyShare)
        {
            _tally.LegBusy();
            call.Reject(486);
            return;
        }

        if (draw < _behaviour.BusyShare + _behaviour.NoAnswerShare)
        {
            _tally.LegNotAnswered();
            call.Ring();
            using var ringing = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, call.Cancelled);
            await Quietly(Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, ringing.Token)).ConfigureAwait(false);
            if (!call.Cancelled.IsCancellationRequested) call.Reject(480);
            return;
        }

        string callId = call.GetHeader("X-CallRouter-Call") ?? call.CallId;
        if (!SdpParser.TryParse(call.OfferSdp.Span, out var offer, out _))
        {
            _tally.LegFailed();
            call.Reject(488);
            return;
        }

        MediaSession media;
        try
        {
            media = _media.CreateSession();
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException)
        {
            // No free RTP port pair: the phone cannot take the call.
            _tally.LegFailed();
            call.Reject(503);
            return;
        }

        await using (media.ConfigureAwait(false))
        {
            var result = media.AcceptOffer(offer);
            if (!result.IsAccepted)
            {
                _tally.LegFailed();
                call.Reject(488);
                return;
            }

            try
            {
                await call.AnswerAsync(Encoding.ASCII.GetBytes(result.Answer!.ToString()), cancellationToken: stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException or InvalidOperationException)
            {
                _tally.LegFailed();
                return;
            }

            TimeSpan? wait = _invites.TryRemove(callId, out var invitedAt) ? DateTimeOffset.UtcNow - invitedAt : null;
            _tally.Bridged(callId, wait, _behaviour.ServiceLevel);
            using var talk = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var playing = Quietly(media.PlayAsync(_voice, new PlaybackOptions { Loop = true }, talk.Token));
            var ended = call.Ended;
            await Task.WhenAny(ended, Quietly(Task.Delay(_behaviour.Talk, TimeProvider.System, talk.Token))).ConfigureAwait(false);
            await talk.CancelAsync().ConfigureAwait(false);
            await playing.ConfigureAwait(false);
            if (!ended.IsCompleted)
            {
                try
                {
                    await call.HangupAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    // The BYE got no answer; the gateway ends the call by itself.
                }
            }

            var statistics = media.Statistics;
            _tally.Unbridged(statistics.PacketsSent, statistics.PacketsReceived, statistics.PacketsLost, statistics.RemoteCumulativeLost);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }
    }
}
