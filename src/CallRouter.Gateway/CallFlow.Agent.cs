using System.Text;
using CallRouter.Contracts.V1;
using CallRouter.Media;
using CallRouter.Media.Audio;
using CallRouter.Media.Recording;
using CallRouter.Media.Sdp;
using CallRouter.Sip.Message;
using CallRouter.Sip.UserAgent;
using Google.Protobuf.WellKnownTypes;

namespace CallRouter.Gateway;

/// <content>The agent's leg (SPEC R5): ring the softphone, bridge the media through the gateway, talk, hang up both.</content>
public sealed partial class CallFlow
{
    private async Task<TalkOutcome> TalkToAgentAsync(HoldResult connect, CancellationToken cancellationToken)
    {
        string agentId = connect.AgentId;
        if (!AgentContactResolver.TryResolve(_services.Sip.Registrar, Options.AgentDomains, agentId, connect.AgentContact, out var target, out var destination))
        {
            return await AgentLegFailedAsync(agentId, 404).ConfigureAwait(false);
        }

        GatewayLog.CallingAgent(_services.Logger, CallId, agentId, target.ToString());
        MediaSession agentLeg;
        try
        {
            agentLeg = _services.Media.CreateSession();
        }
        catch (InvalidOperationException e)
        {
            // No RTP port left for the agent's leg: the agent is not to blame, but the core must take the call
            // back (it counts it answered from the acceptance on) rather than keep it with nobody on the line.
            GatewayLog.AgentLegUnavailable(_services.Logger, CallId, e.Message);
            return await AgentLegFailedAsync(agentId, 503).ConfigureAwait(false);
        }

        await using var agentLegScope = agentLeg;
        var agent = _services.Sip.Call(new OutgoingCallOptions(target, destination)
        {
            Sdp = Encoding.ASCII.GetBytes(agentLeg.CreateOffer().ToString()),
            Headers =
            [
                new(Options.Headers.Problem, _problemNumber),
                new("X-CallRouter-Call", CallId),
            ],
        });

        var answered = await RingAgentAsync(agent).ConfigureAwait(false);
        if (answered is null)
        {
            // The caller left while the agent's phone rang: the agent had accepted, so the core counts it as an ended call.
            await ReportEndedAsync(connect.Waited, TimeSpan.Zero, "caller").ConfigureAwait(false);
            return TalkOutcome.Ended;
        }

        if (answered.Value is < 200 or >= 300)
        {
            return await AgentLegFailedAsync(agentId, answered.Value).ConfigureAwait(false);
        }

        if (!SdpParser.TryParse(agent.AnswerSdp.Span, out var agentAnswer, out _) || !agentLeg.AcceptAnswer(agentAnswer).IsAccepted)
        {
            await agent.HangupAsync(CancellationToken.None).ConfigureAwait(false);
            return await AgentLegFailedAsync(agentId, 488).ConfigureAwait(false);
        }

        // The agent's softphone may hold and resume the caller by re-INVITE; the talk loop plays music meanwhile.
        agent.ReInviteOfferAnswerer = ReOfferAnswerer.For(agentLeg.AcceptOffer, held => _inputs.Writer.TryWrite(CallInput.AgentHolds(held)));
        _forwardDigits = false;
        await _callerLeg.StopPlaybackAsync().ConfigureAwait(false);
        using var bridge = MediaBridge.Connect(_callerLeg, agentLeg);
        StartRecordingIfSelected(agentId);
        GatewayLog.Bridged(_services.Logger, CallId, agentId);
        await ReportAsync(new CallEventRequest { Answered = new CallAnswered { AgentId = agentId } }).ConfigureAwait(false);
        long talkStart = _services.Time.GetTimestamp();
        _ = WatchAgentAsync(agent);

        try
        {
            return await TalkAsync(agent, agentLeg, agentId, connect.Waited, talkStart, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _callerLeg.StopRecording();
        }
    }

    /// <summary>Rings the agent until an answer, a refusal or the answer time-out; null when the caller hangs up meanwhile.</summary>
    private async Task<int?> RingAgentAsync(OutgoingCall agent)
    {
        using var ringFor = new CancellationTokenSource(Options.AgentAnswerTimeout, _services.Time);
        using var cancelOnTimeout = ringFor.Token.Register(agent.Cancel);
        var callerEnded = _caller.Ended;
        var first = await Task.WhenAny(agent.FinalResponse, callerEnded).ConfigureAwait(false);
        if (first == callerEnded)
        {
            agent.Cancel();
            var late = await agent.FinalResponse.ConfigureAwait(false);
            if (late.StatusCode is >= 200 and < 300) await agent.HangupAsync(CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        var final = await agent.FinalResponse.ConfigureAwait(false);
        // A 487 after our own CANCEL is a time-out from the core's point of view: the agent did not answer.
        return ringFor.IsCancellationRequested && final.StatusCode == 487 ? 408 : final.StatusCode;
    }

    private async Task<TalkOutcome> TalkAsync(OutgoingCall agent, MediaSession agentLeg, string agentId, TimeSpan waited, long talkStart, CancellationToken cancellationToken)
    {
        await using var hold = new AgentHoldMusic(_channel, () => _callerLeg.Bridge?.Hold(), _callerLeg.StopPlaybackAsync, () => _callerLeg.Bridge?.Resume());
        var consoleHold = new ConsoleHold(hold, held => ReInviteAgentAsync(agent, agentLeg, held));
        while (true)
        {
            var input = await _inputs.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            TimeSpan talked = _services.Time.GetElapsedTime(talkStart);
            switch (input.Kind)
            {
                case CallInputKind.CallerGone:
                    await agent.HangupAsync(CancellationToken.None).ConfigureAwait(false);
                    await ReportEndedAsync(waited, talked, "caller").ConfigureAwait(false);
                    return TalkOutcome.Ended;
                case CallInputKind.AgentGone:
                    await _caller.HangupAsync(CancellationToken.None).ConfigureAwait(false);
                    await ReportEndedAsync(waited, talked, "agent").ConfigureAwait(false);
                    return TalkOutcome.Ended;
                case CallInputKind.Routing when input.Event!.EventCase == RoutingEvent.EventOneofCase.Queued
                                                || (input.Event.EventCase == RoutingEvent.EventOneofCase.Offered && input.Event.Offered.AgentId != agentId):
                    // The agent sent the caller to L2: the case stays, the caller waits again with music.
                    await DropAgentForTransferAsync(agent, "level 2 queue").ConfigureAwait(false);
                    return TalkOutcome.Requeued;
                case CallInputKind.AgentHold:
                    GatewayLog.PeerHold(_services.Logger, CallId, "agent", input.Held ? "put the caller on hold" : "took the caller off hold");
                    await hold.SetAsync(input.Held).ConfigureAwait(false);
                    break;
                case CallInputKind.Routing when input.Event!.EventCase == RoutingEvent.EventOneofCase.AgentHold:
                    bool consoleHeld = input.Event.AgentHold.Hold;
                    GatewayLog.PeerHold(_services.Logger, CallId, "agent's console", consoleHeld ? "asks to hold the caller" : "asks to resume");
                    await consoleHold.ApplyAsync(consoleHeld).ConfigureAwait(false);
                    break;
                case CallInputKind.Routing when input.Event!.EventCase == RoutingEvent.EventOneofCase.TransferToManufacturer:
                    await DropAgentForTransferAsync(agent, Options.ManufacturerSupportAddress).ConfigureAwait(false);
                    return TalkOutcome.TransferToManufacturer;
                default:
                    // Digits are relayed by the bridge; other routing events do not change a connected call.
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
            }
        }
    }

    /// <summary>Re-offers the agent's leg sendonly (hold) or sendrecv (resume); false when the phone refused.</summary>
    private async Task<bool> ReInviteAgentAsync(OutgoingCall agent, MediaSession agentLeg, bool held)
    {
        var offer = held ? agentLeg.Hold() : agentLeg.Resume();
        SipMessage response;
        try
        {
            response = await agent.ReInviteAsync(Encoding.ASCII.GetBytes(offer.ToString()), CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The agent's dialog is gone (the phone hung up meanwhile): the talk loop hears of that next.
            return false;
        }

        if (response.StatusCode is >= 200 and < 300 && SdpParser.TryParse(response.Body.Span, out var answer, out _) && agentLeg.AcceptAnswer(answer).IsAccepted)
        {
            return true;
        }

        GatewayLog.ConsoleHoldRefused(_services.Logger, CallId, response.StatusCode);
        return false;
    }

    private async Task DropAgentForTransferAsync(OutgoingCall agent, string target)
    {
        _callerLeg.Bridge?.Dispose();
        await agent.HangupAsync(CancellationToken.None).ConfigureAwait(false);
        GatewayLog.Transferred(_services.Logger, CallId, target);
        await ReportAsync(new CallEventRequest { Transferred = new CallTransferred { Target = target } }).ConfigureAwait(false);
    }

    private async Task WatchAgentAsync(OutgoingCall agent)
    {
        await agent.Ended.ConfigureAwait(false);
        _inputs.Writer.TryWrite(CallInput.AgentGone);
    }

    private async Task<TalkOutcome> AgentLegFailedAsync(string agentId, int status)
    {
        GatewayLog.AgentLegFailed(_services.Logger, CallId, agentId, status);
        await ReportAsync(new CallEventRequest { AgentLegFailed = new AgentLegFailed { AgentId = agentId, SipStatus = status } }).ConfigureAwait(false);
        return TalkOutcome.AgentFailed;
    }

    private Task ReportEndedAsync(TimeSpan waited, TimeSpan talked, string endedBy)
    {
        GatewayLog.Ended(_services.Logger, CallId, endedBy, waited, talked);
        return ReportAsync(new CallEventRequest
        {
            Ended = new CallEnded { Waited = Duration.FromTimeSpan(waited), Talked = Duration.FromTimeSpan(talked), EndedBy = endedBy },
        });
    }

    /// <summary>R13: a share of bridged calls is recorded, both parties, with case and agent in the metadata.</summary>
    private void StartRecordingIfSelected(string agentId)
    {
        if (!_services.Recordings.Next()) return;
        Directory.CreateDirectory(Options.Recording.Folder);
        string path = Path.Combine(Options.Recording.Folder, SafeFileName(CallId) + ".wav");
        var metadata = new RecordingMetadata { CallId = CallId, CaseId = _problemNumber, AgentId = agentId };
        _callerLeg.StartRecording(CallRecorder.Create(path, metadata, _services.Time));
        GatewayLog.Recording(_services.Logger, CallId, path);
    }

    private static string SafeFileName(string callId) =>
        new(callId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(100).ToArray());
}
