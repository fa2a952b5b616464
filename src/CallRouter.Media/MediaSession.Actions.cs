using CallRouter.Media.Audio;
using CallRouter.Media.Dtmf;
using CallRouter.Media.Recording;
using CallRouter.Media.Sdp;

namespace CallRouter.Media;

/// <summary>Operations the call flows use: play, collect, send digits, record.</summary>
public sealed partial class MediaSession
{
    private CancellationTokenSource? _playback;
    private Task? _playbackTask;

    /// <summary>True while a prompt or music is being played.</summary>
    public bool IsPlaying => Volatile.Read(ref _playback) is not null;

    /// <summary>
    /// Plays a clip to the peer at real-time pace, converting to the negotiated law. Completes
    /// when the clip has been sent; cancel to stop (barge-in, hold music ended). One playback at a
    /// time, and not while a bridge relays audio to this leg.
    /// </summary>
    public async Task PlayAsync(AudioClip clip, PlaybackOptions? options = null, CancellationToken cancellationToken = default)
    {
        var media = Media ?? throw new InvalidOperationException("Media is not negotiated yet.");
        if (Bridge is { IsHeld: false })
        {
            throw new InvalidOperationException("The leg is bridged; hold the bridge before playing to it.");
        }

        using var playback = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Interlocked.CompareExchange(ref _playback, playback, null) is not null)
        {
            throw new InvalidOperationException("Another playback is running on this session.");
        }

        try
        {
            var converted = clip.ConvertTo(media.Codec.Law);
            var player = new PacedPlayer(_engine.Playback, SendFrame);
            options = (options ?? new PlaybackOptions()) with { SamplesPerFrame = media.SamplesPerPacket };
            var running = player.PlayAsync(converted, _rtp.NextTimestamp(media.SamplesPerPacket), options, playback.Token);
            Volatile.Write(ref _playbackTask, running);
            await running.ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _playbackTask, null);
            Interlocked.CompareExchange(ref _playback, null, playback);
        }
    }

    /// <summary>
    /// Stops whatever is playing (hold music before bridging, a prompt on hang-up) and waits until
    /// the player has let go of the leg, so a following <see cref="MediaBridge.Connect"/> or
    /// <see cref="PlayAsync"/> cannot race with it. Does nothing when nothing plays.
    /// </summary>
    public async Task StopPlaybackAsync()
    {
        var playback = Volatile.Read(ref _playback);
        var running = Volatile.Read(ref _playbackTask);
        if (playback is null || running is null)
        {
            return;
        }

        try
        {
            await playback.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // It finished on its own meanwhile.
        }

        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: we cancelled it.
        }

        // PlayAsync's own cleanup runs as a continuation that may not have run yet; release the leg now.
        Volatile.Write(ref _playbackTask, null);
        Interlocked.CompareExchange(ref _playback, null, playback);
    }

    /// <summary>Plays one prompt of the engine's prompt set by id (<see cref="PromptIds"/>).</summary>
    public Task PlayPromptAsync(string promptId, CancellationToken cancellationToken = default) =>
        PlayAsync(_engine.Prompts.Get(promptId), null, cancellationToken);

    /// <summary>Collects digits with the given time-outs; digits pressed during an earlier prompt count as type-ahead.</summary>
    public Task<DigitCollectionResult> CollectDigitsAsync(DigitCollectionOptions options, CancellationToken cancellationToken = default) =>
        _collector.CollectAsync(options, cancellationToken);

    /// <summary>
    /// The IVR step: plays <paramref name="prompt"/> and collects digits; the first digit stops the
    /// prompt (barge-in) and the time-outs start when the prompt ends or is interrupted.
    /// </summary>
    public async Task<DigitCollectionResult> PromptAndCollectAsync(AudioClip prompt, DigitCollectionOptions options, CancellationToken cancellationToken = default)
    {
        using var bargeIn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnBargeIn(char _)
        {
            try
            {
                // Synchronous on purpose: the IVR tests (and callers typing ahead) rely on the prompt
                // being stopped before the next digit is handled. On the epoll path this runs the
                // flow's continuation on the shared receive thread until its next await.
                bargeIn.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A digit raced with the end of this step; the collector already has it.
            }
        }

        DigitReceived += OnBargeIn;
        try
        {
            await PlayAsync(prompt, null, bargeIn.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Barge-in: the digit that stopped the prompt is waiting as type-ahead.
        }
        finally
        {
            DigitReceived -= OnBargeIn;
        }

        return await CollectDigitsAsync(options with { UseTypeAhead = true }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a key press as RFC 4733 events. Throws when the peer did not negotiate
    /// telephone-event; the gateway then falls back to SIP INFO.
    /// </summary>
    public async Task SendDigitAsync(char digit, TimeSpan? duration = null, CancellationToken cancellationToken = default)
    {
        var media = Media ?? throw new InvalidOperationException("Media is not negotiated yet.");
        if (media.TelephoneEventPayloadType is not { } payloadType)
        {
            throw new InvalidOperationException("The peer did not negotiate telephone-event; send the digit by SIP INFO.");
        }

        var packets = TelephoneEventGenerator.Generate(digit, duration ?? TimeSpan.FromMilliseconds(100), _rtp.CurrentTimestamp(), media.PacketTimeMs);
        var start = _engine.Time.GetTimestamp();
        var payload = new byte[TelephoneEvent.Size];
        foreach (var packet in packets)
        {
            var wait = packet.Offset - _engine.Time.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _engine.Time, cancellationToken).ConfigureAwait(false);
            }

            packet.Event.WriteTo(payload);
            if (media.Direction.CanSend())
            {
                _rtp.Send((byte)payloadType, packet.Timestamp, packet.Marker, payload);
            }
        }
    }

    /// <summary>
    /// Records this leg: what the peer sends goes to <paramref name="inbound"/>, what we send
    /// (prompts, or the other leg when bridged) to <paramref name="outbound"/>. Pass a null
    /// <paramref name="outbound"/> to record the peer only (voicemail: the beep stays out).
    /// </summary>
    public void StartRecording(CallRecorder recorder, RecordingChannel inbound = RecordingChannel.Left, RecordingChannel? outbound = RecordingChannel.Right)
    {
        if (Interlocked.CompareExchange(ref _recorder, new RecorderTap(recorder, inbound, outbound), null) is not null)
        {
            throw new InvalidOperationException("This session is already being recorded.");
        }
    }

    /// <summary>Stops recording and completes the file; returns its final metadata, or null when nothing was recording.</summary>
    public RecordingMetadata? StopRecording()
    {
        var tap = Interlocked.Exchange(ref _recorder, null);
        return tap?.Recorder.Complete();
    }

    /// <summary>Sends one audio frame on this leg's stream: the common path for player and bridge.</summary>
    internal void SendAudio(uint timestamp, bool marker, ReadOnlySpan<byte> payload, ushort sequenceAdvance = 1)
    {
        var media = Media;
        if (media is null || !media.Direction.CanSend())
        {
            return;
        }

        _rtp.Send((byte)media.Codec.PayloadType, timestamp, marker, payload, sequenceAdvance);
        Volatile.Read(ref _recorder)?.Write(inbound: false, _rtp.Ssrc, timestamp, media.Codec.Law, payload);
    }

    private void SendFrame(ReadOnlySpan<byte> payload, uint timestamp, bool marker) => SendAudio(timestamp, marker, payload);
}
