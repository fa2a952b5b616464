using CallRouter.Contracts.V1;
using CallRouter.Media.Audio;
using CallRouter.Media.Recording;
using CallRouter.Sip.Message;
using Google.Protobuf.WellKnownTypes;

namespace CallRouter.Gateway;

/// <content>The ways a call leaves the desk without (or after) an agent: manufacturer, voicemail.</content>
public sealed partial class CallFlow
{
    /// <summary>SPEC R2: a 302 to the switch's return address before answer, or a REFER to it after.</summary>
    private async Task ReturnToManufacturerAsync(string reason, CancellationToken cancellationToken)
    {
        var returnTo = SipUri.Parse(Options.ReturnAddress);
        if (!_caller.IsAnswered)
        {
            GatewayLog.Returned(_services.Logger, CallId, "302", reason);
            _caller.Redirect([returnTo]);
            return;
        }

        GatewayLog.Returned(_services.Logger, CallId, "REFER", reason);
        await _channel.PlayAsync(Prompt.Of(PromptIds.ReturnedToManufacturer), cancellationToken).ConfigureAwait(false);
        await ReferCallerAsync(returnTo).ConfigureAwait(false);
    }

    /// <summary>SPEC R6: the agent asked for the manufacturer's Level 3 line; the core has already let the call go.</summary>
    private async Task TransferToManufacturerAsync(CancellationToken cancellationToken)
    {
        _forwardDigits = false;
        await _channel.PlayAsync(Prompt.Of(PromptIds.Connecting), cancellationToken).ConfigureAwait(false);
        GatewayLog.Transferred(_services.Logger, CallId, Options.ManufacturerSupportAddress);
        await ReferCallerAsync(SipUri.Parse(Options.ManufacturerSupportAddress)).ConfigureAwait(false);
    }

    /// <summary>Asks the caller's side to call <paramref name="target"/> itself, then leaves the call.</summary>
    private async Task ReferCallerAsync(SipUri target)
    {
        if (_caller.Ended.IsCompleted) return;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(32), _services.Time);
        try
        {
            var response = await _caller.ReferAsync(target, cancellationToken: limit.Token).ConfigureAwait(false);
            if (response.StatusCode is >= 200 and < 300)
            {
                // The switch takes the call over and usually sends BYE itself once the transfer is under way.
                await _caller.Ended.WaitAsync(limit.Token).ConfigureAwait(false);
                return;
            }
        }
        catch (OperationCanceledException)
        {
            // The switch never hung up after the REFER: release the call ourselves below.
        }

        if (!_caller.Ended.IsCompleted) await _caller.HangupAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>SPEC R12: the caller leaves a message instead of waiting; it counts as abandoned and becomes a call-back task.</summary>
    private async Task LeaveVoicemailAsync(TimeSpan waited, CancellationToken cancellationToken)
    {
        var voicemail = Options.Voicemail;
        await _channel.PlayAsync(Prompt.Of(PromptIds.VoicemailInstructions), cancellationToken).ConfigureAwait(false);
        await _channel.PlayAsync(Prompt.Of(PromptIds.Beep), cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(voicemail.Folder);
        string path = Path.GetFullPath(Path.Combine(voicemail.Folder, SafeFileName(CallId) + ".wav"));
        var metadata = new RecordingMetadata { CallId = CallId, CaseId = _problemNumber };
        // Only the caller: the beep and prompts stay out of the message.
        _callerLeg.StartRecording(CallRecorder.Create(path, metadata, _services.Time), outbound: null);
        bool callerStayed;
        try
        {
            callerStayed = await WaitForMessageEndAsync(voicemail).ConfigureAwait(false);
        }
        finally
        {
            _callerLeg.StopRecording();
        }

        GatewayLog.VoicemailSaved(_services.Logger, CallId, path);
        await ReportAsync(new CallEventRequest
        {
            Voicemail = new CallSentToVoicemail { Waited = Duration.FromTimeSpan(waited), RecordingUri = new Uri(path).AbsoluteUri },
        }).ConfigureAwait(false);
        if (callerStayed)
        {
            await _channel.PlayAsync(Prompt.Of(PromptIds.VoicemailSaved), cancellationToken).ConfigureAwait(false);
            await _caller.HangupAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Until the end digit, the maximum length or the caller's hang-up; true when the caller is still there.</summary>
    private async Task<bool> WaitForMessageEndAsync(VoicemailOptions voicemail)
    {
        using var maxLength = new CancellationTokenSource(voicemail.MaxLength, _services.Time);
        try
        {
            while (true)
            {
                var input = await _inputs.Reader.ReadAsync(maxLength.Token).ConfigureAwait(false);
                if (input.Kind == CallInputKind.CallerGone) return false;
                if (input.Kind == CallInputKind.Digit && voicemail.EndDigit.Length > 0 && input.Digit == voicemail.EndDigit[0]) return true;
            }
        }
        catch (OperationCanceledException)
        {
            return !_caller.Ended.IsCompleted;
        }
    }
}
