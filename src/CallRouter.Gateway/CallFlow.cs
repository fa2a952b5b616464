using System.Text;
using System.Threading.Channels;
using CallRouter.Contracts.V1;
using CallRouter.Media;
using CallRouter.Media.Audio;
using CallRouter.Media.Sdp;
using CallRouter.Sip.UserAgent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CallRouter.Gateway;

/// <summary>
/// One caller's call from INVITE to hang-up, read top to bottom: intake, IVR, queue and hold, the agent's
/// leg and the bridge, and the ways out (voicemail, return or transfer to the manufacturer, abandon).
/// Everything that happens to the call arrives as <see cref="CallInput"/> through one channel.
/// </summary>
public sealed partial class CallFlow
{
    private readonly CallFlowServices _services;
    private readonly IncomingCall _caller;
    private readonly Channel<CallInput> _inputs = Channel.CreateUnbounded<CallInput>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _forwardDigits;
    private MediaSession _callerLeg = null!;
    private ICallerChannel _channel = null!;
    private string _problemNumber = "";
    private long? _queuedSince;
    private bool _leftCore;
    private bool _agentAccepted;

    public CallFlow(CallFlowServices services, IncomingCall caller)
    {
        _services = services;
        _caller = caller;
    }

    private GatewayOptions Options => _services.Options;

    private string CallId => _caller.CallId;

    public async Task RunAsync(CancellationToken stopping)
    {
        var context = _services.ContextReader.Read(_caller.GetHeader, _caller.Invite.From.Uri.User);
        if (!SdpParser.TryParse(_caller.OfferSdp.Span, out var offer, out var sdpError))
        {
            GatewayLog.BadOffer(_services.Logger, CallId, sdpError);
            _caller.Reject(488, "Not Acceptable Here - No Usable SDP Offer");
            return;
        }

        MediaSession callerLeg;
        try
        {
            callerLeg = _services.Media.CreateSession();
        }
        catch (InvalidOperationException e)
        {
            // No RTP port pair left: the gateway is overloaded, not broken. Refuse before the core hears of the
            // call, and tell the switch when to try again.
            GatewayLog.CallerLegUnavailable(_services.Logger, CallId, e.Message);
            _caller.Reject(503, "Service Unavailable - No Media Port", _services.Sip.Options.RetryAfterSeconds);
            return;
        }

        await using var leg = callerLeg;
        var negotiated = leg.AcceptOffer(offer);
        if (!negotiated.IsAccepted)
        {
            GatewayLog.BadOffer(_services.Logger, CallId, negotiated.Reason ?? "");
            _caller.Reject(488, "Not Acceptable Here");
            return;
        }

        _callerLeg = leg;
        _channel = new MediaCallerChannel(leg, _services.Media.Prompts);
        using var callerGone = CancellationTokenSource.CreateLinkedTokenSource(stopping, _caller.Cancelled);
        _ = WatchCallerAsync(callerGone);
        _caller.InfoReceived += (_, info) => leg.HandleSipInfo(info.ContentType, Encoding.UTF8.GetString(info.Body.Span));
        // A caller's own hold or resume (re-INVITE) is answered on the same dialog; the flow goes on as it was.
        _caller.ReInviteOfferAnswerer = ReOfferAnswerer.For(leg.AcceptOffer,
            held => GatewayLog.PeerHold(_services.Logger, CallId, "caller", held ? "holds the gateway" : "resumed"));
        leg.DigitReceived += digit =>
        {
            if (_forwardDigits) _inputs.Writer.TryWrite(CallInput.Pressed(digit));
        };

        try
        {
            await RunAnsweringAsync(context, Encoding.ASCII.GetBytes(negotiated.Answer!.ToString()), callerGone.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (callerGone.IsCancellationRequested)
        {
            // The caller hung up during a prompt, or the gateway stops.
        }
        finally
        {
            // Whatever went wrong after RegisterCall, the core must not keep a call nobody is on. Once an agent has
            // accepted, the core counts the call answered and takes only an end, not an abandon.
            if (_queuedSince is long since && !_leftCore)
            {
                var waited = Duration.FromTimeSpan(_services.Time.GetElapsedTime(since));
                await ReportAsync(_agentAccepted
                    ? new CallEventRequest { Ended = new CallEnded { Waited = waited, Talked = Duration.FromTimeSpan(TimeSpan.Zero), EndedBy = "gateway" } }
                    : new CallEventRequest { Abandoned = new CallAbandoned { Waited = waited } }).ConfigureAwait(false);
            }

            // Per call, so loss can be told apart: what the gateway lost of the caller's audio, not what a far end reports.
            var media = leg.Statistics;
            GatewayLog.CallerMedia(_services.Logger, CallId, media.PacketsReceived, media.PacketsLost, media.JitterMs, media.PacketsSent);
        }
    }

    private async Task RunAnsweringAsync(CallerContext context, byte[] answerSdp, CancellationToken cancellationToken)
    {
        // In redirect mode the IVR runs on early media, so a call that is not for the desk can still get a 302.
        bool beforeAnswer = Options.ReturnMode == ReturnMode.Redirect;
        if (beforeAnswer)
        {
            _caller.Ring(answerSdp);
        }
        else
        {
            await _caller.AnswerAsync(answerSdp, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var ivr = new IvrDialogue(_channel, Options.Ivr);
        var answers = await ivr.RunAsync(context, cancellationToken).ConfigureAwait(false);
        if (answers.Outcome == IvrOutcome.GaveUp)
        {
            await EndCallerAsync(answered: !beforeAnswer, 480).ConfigureAwait(false);
            return;
        }

        if (answers.Outcome == IvrOutcome.ReturnToManufacturer)
        {
            await ReturnToManufacturerAsync("caller chose another product", cancellationToken).ConfigureAwait(false);
            return;
        }

        var registered = await new CallRegistration(_services.Routing, Options.Ivr, _services.Logger)
            .RegisterAsync(CallId, context, answers, ivr, cancellationToken).ConfigureAwait(false);
        if (registered is null)
        {
            await _channel.PlayAsync(Prompt.Of(PromptIds.Goodbye), cancellationToken).ConfigureAwait(false);
            await EndCallerAsync(answered: _caller.IsAnswered, 503).ConfigureAwait(false);
            return;
        }

        long queuedSince = _services.Time.GetTimestamp();
        if (registered.ReturnedToManufacturer)
        {
            // Nothing was queued: the core recorded the call as returned.
            await ReturnToManufacturerAsync(registered.Reason, cancellationToken).ConfigureAwait(false);
            return;
        }

        _queuedSince = queuedSince;
        _ = PumpRoutingEventsAsync(cancellationToken);
        if (beforeAnswer)
        {
            await _caller.AnswerAsync(answerSdp, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // From here a key press means something on hold (voicemail), also when pressed during the read-back.
        _forwardDigits = true;
        _problemNumber = registered.ProblemNumber;
        if (_problemNumber.Length > 0)
        {
            await _channel.PlayAsync(Prompt.ProblemNumberReadBack(_problemNumber), cancellationToken).ConfigureAwait(false);
        }

        var initial = new CallQueued { Position = registered.Position, ExpectedWait = registered.ExpectedWait, Queue = registered.Queue };
        await WaitAndConnectAsync(queuedSince, initial, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hold, agent, maybe hold again (agent leg failed, transfer to L2), until the call leaves the desk.</summary>
    private async Task WaitAndConnectAsync(long queuedSince, CallQueued initial, CancellationToken cancellationToken)
    {
        CallQueued? announce = initial;
        while (true)
        {
            _forwardDigits = true;
            var hold = new HoldLoop(_channel, _services.Time, Options.AnnouncementInterval, Options.Voicemail.Digit);
            var held = await hold.WaitAsync(_inputs.Reader, queuedSince, announce, CancellationToken.None).ConfigureAwait(false);
            announce = null;
            switch (held.Outcome)
            {
                case HoldOutcome.CallerHungUp:
                    GatewayLog.Abandoned(_services.Logger, CallId, held.Waited);
                    await ReportAsync(new CallEventRequest { Abandoned = new CallAbandoned { Waited = Duration.FromTimeSpan(held.Waited) } }).ConfigureAwait(false);
                    return;
                case HoldOutcome.Voicemail:
                    await LeaveVoicemailAsync(held.Waited, cancellationToken).ConfigureAwait(false);
                    return;
                case HoldOutcome.Returned:
                    _leftCore = true;
                    await ReturnToManufacturerAsync(held.Reason, cancellationToken).ConfigureAwait(false);
                    return;
                case HoldOutcome.TransferToManufacturer:
                    _leftCore = true;
                    await TransferToManufacturerAsync(cancellationToken).ConfigureAwait(false);
                    return;
                case HoldOutcome.Lost:
                    _leftCore = true;
                    await _channel.PlayAsync(Prompt.Of(PromptIds.Goodbye), cancellationToken).ConfigureAwait(false);
                    await EndCallerAsync(answered: true, 503).ConfigureAwait(false);
                    return;
            }

            _agentAccepted = true;
            var talk = await TalkToAgentAsync(held, cancellationToken).ConfigureAwait(false);
            // A failed agent leg or a transfer to L2 puts the call back in the queue, unanswered again.
            _agentAccepted = talk == TalkOutcome.Ended;
            switch (talk)
            {
                case TalkOutcome.Ended:
                    return;
                case TalkOutcome.TransferToManufacturer:
                    _leftCore = true;
                    await TransferToManufacturerAsync(cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    // The agent's phone failed or the agent sent the caller to L2: the core queued the call again.
                    continue;
            }
        }
    }

    private async Task PumpRoutingEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in _services.Routing.WatchCallAsync(CallId, cancellationToken).ConfigureAwait(false))
            {
                _inputs.Writer.TryWrite(CallInput.From(e));
            }
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or IOException or HttpRequestException)
        {
            // Reported below as a lost stream; the flow decides what the caller hears.
        }

        _inputs.Writer.TryWrite(CallInput.RoutingLost);
    }

    private async Task WatchCallerAsync(CancellationTokenSource callerGone)
    {
        await _caller.Ended.ConfigureAwait(false);
        _inputs.Writer.TryWrite(CallInput.CallerGone);
        try
        {
            await callerGone.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The flow already finished.
        }
    }

    private async Task ReportAsync(CallEventRequest report)
    {
        report.CallId = CallId;
        if (report.EventCase is CallEventRequest.EventOneofCase.Abandoned or CallEventRequest.EventOneofCase.Voicemail or CallEventRequest.EventOneofCase.Ended)
        {
            _leftCore = true;
        }

        // Reports must reach the core even when the caller is gone; transient failures are retried (bounded).
        await new CallReportSender(_services.Routing, _services.Time, _services.Logger).SendAsync(report).ConfigureAwait(false);
    }

    /// <summary>Ends the caller's leg: BYE when answered, otherwise a final refusal.</summary>
    private async Task EndCallerAsync(bool answered, int statusIfUnanswered)
    {
        if (answered || _caller.IsAnswered)
        {
            if (!_caller.Ended.IsCompleted) await _caller.HangupAsync().ConfigureAwait(false);
        }
        else
        {
            _caller.Reject(statusIfUnanswered);
        }
    }
}
