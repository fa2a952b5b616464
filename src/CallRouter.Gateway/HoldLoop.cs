using System.Threading.Channels;
using CallRouter.Contracts.V1;
using CallRouter.Media.Audio;

namespace CallRouter.Gateway;

/// <summary>
/// A caller waiting in the queue (SPEC R4, R12): music on hold, every announcement interval the latest
/// position and expected wait from the core's Queued events (and the voicemail offer), until an agent is
/// connected, the caller presses the voicemail digit or hangs up, or the core lets the call go.
/// </summary>
public sealed class HoldLoop
{
    private readonly ICallerChannel _caller;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly string _voicemailDigit;
    private CallQueued? _latest;

    public HoldLoop(ICallerChannel caller, TimeProvider time, TimeSpan announcementInterval, string voicemailDigit)
    {
        _caller = caller;
        _time = time;
        _interval = announcementInterval;
        _voicemailDigit = voicemailDigit;
    }

    /// <param name="inputs">The call's inputs; this loop reads until it decides.</param>
    /// <param name="queuedSince">When the call entered the queue (for the reported wait).</param>
    /// <param name="initial">Position and expected wait from RegisterCall, announced until the core sends newer.</param>
    public async Task<HoldResult> WaitAsync(ChannelReader<CallInput> inputs, long queuedSince, CallQueued? initial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Volatile.Write(ref _latest, initial);
        using var audioStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var audio = HoldAudioAsync(audioStop.Token);
        try
        {
            while (true)
            {
                var input = await inputs.ReadAsync(cancellationToken).ConfigureAwait(false);
                var decided = Decide(input, queuedSince);
                if (decided is not null) return decided;
            }
        }
        finally
        {
            await audioStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await audio.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
            {
                // The music stops because hold ends (or the leg went away with the caller): expected.
            }
        }
    }

    private HoldResult? Decide(CallInput input, long queuedSince)
    {
        TimeSpan waited = _time.GetElapsedTime(queuedSince);
        switch (input.Kind)
        {
            case CallInputKind.CallerGone:
                return new HoldResult(HoldOutcome.CallerHungUp, waited);
            case CallInputKind.RoutingLost:
                return new HoldResult(HoldOutcome.Lost, waited, Reason: "routing core unreachable");
            case CallInputKind.Digit when _voicemailDigit.Length > 0 && input.Digit == _voicemailDigit[0]:
                return new HoldResult(HoldOutcome.Voicemail, waited);
            case CallInputKind.Routing:
                var e = input.Event!;
                switch (e.EventCase)
                {
                    case RoutingEvent.EventOneofCase.Queued:
                        Volatile.Write(ref _latest, e.Queued);
                        return null;
                    case RoutingEvent.EventOneofCase.Connect:
                        return new HoldResult(HoldOutcome.Connect, waited, e.Connect.AgentId, e.Connect.AgentSipContact);
                    case RoutingEvent.EventOneofCase.Returned:
                        return new HoldResult(HoldOutcome.Returned, waited, Reason: e.Returned.Reason);
                    case RoutingEvent.EventOneofCase.TransferToManufacturer:
                        return new HoldResult(HoldOutcome.TransferToManufacturer, waited, e.TransferToManufacturer.AgentId);
                    case RoutingEvent.EventOneofCase.Finished:
                        return new HoldResult(HoldOutcome.Lost, waited, Reason: e.Finished.Reason);
                    default:
                        // Offered, overflowed, requeued: the caller keeps waiting and hears nothing new.
                        return null;
                }

            default:
                return null;
        }
    }

    private async Task HoldAudioAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using (var musicFor = new CancellationTokenSource(_interval, _time))
            using (var music = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, musicFor.Token))
            {
                try
                {
                    await _caller.HoldMusicAsync(music.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The interval is over: time for an announcement.
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var latest = Volatile.Read(ref _latest);
            if (latest is not null && latest.Position > 0)
            {
                await _caller.PlayAsync(Prompt.QueueAnnouncement(latest.Position, latest.ExpectedWait?.ToTimeSpan() ?? TimeSpan.Zero), cancellationToken).ConfigureAwait(false);
            }

            if (_voicemailDigit.Length > 0)
            {
                await _caller.PlayAsync(Prompt.Of(PromptIds.VoicemailOffer), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
