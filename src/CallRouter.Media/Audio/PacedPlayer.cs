using CallRouter.Media.Codecs;

namespace CallRouter.Media.Audio;

/// <summary>
/// Sends a clip as fixed-size frames at real-time pace. Frame n is due at start + n × frame
/// time, an absolute deadline taken from the <see cref="TimeProvider"/>'s monotonic clock, so
/// timer lateness never accumulates: an hour of looping hold music ends within a frame of one
/// hour. RTP timestamps advance by exactly one frame per frame (including skipped ones), and the
/// first frame carries the marker bit. The first frame goes out at once; the rest are sent by the
/// shared <see cref="PlaybackClock"/>, on the first tick at or after each deadline.
/// </summary>
public sealed class PacedPlayer
{
    private readonly PlaybackClock _clock;
    private readonly TimeProvider _time;
    private readonly MediaFrameSink _sink;

    public PacedPlayer(PlaybackClock clock, MediaFrameSink sink)
    {
        _clock = clock;
        _time = clock.Time;
        _sink = sink;
    }

    /// <summary>
    /// Plays <paramref name="clip"/> starting at RTP timestamp <paramref name="startTimestamp"/>.
    /// Completes when the last frame has been sent; cancelling stops at the next frame boundary.
    /// </summary>
    public Task PlayAsync(AudioClip clip, uint startTimestamp, PlaybackOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PlaybackOptions();
        if (clip.Samples.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var run = new Playback(this, clip, startTimestamp, options, cancellationToken);
        run.Start();
        return run.Completion.Task;
    }

    private sealed class Playback : IPacedPlayback
    {
        private readonly PacedPlayer _owner;
        private readonly AudioClip _clip;
        private readonly uint _startTimestamp;
        private readonly PlaybackOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly byte[] _frame;
        private readonly long _frameTicks;
        private readonly long _totalFrames;
        private readonly Lock _lock = new();
        private long _startTicks;
        private long _nextFrame;
        private CancellationTokenRegistration _registration;

        public Playback(PacedPlayer owner, AudioClip clip, uint startTimestamp, PlaybackOptions options, CancellationToken cancellationToken)
        {
            _owner = owner;
            _clip = clip;
            _startTimestamp = startTimestamp;
            _options = options;
            _cancellationToken = cancellationToken;
            _frame = new byte[options.SamplesPerFrame];
            _frameTicks = owner._time.TimestampFrequency * options.SamplesPerFrame / 8000;
            var clipFrames = (clip.Samples.Length + options.SamplesPerFrame - 1) / options.SamplesPerFrame;
            var limitFrames = options.MaxDuration is { } max ? (long)Math.Ceiling(max.TotalSeconds * 8000 / options.SamplesPerFrame) : long.MaxValue;
            _totalFrames = options.Loop ? limitFrames : Math.Min(clipFrames, limitFrames);
        }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool HasEnded => Completion.Task.IsCompleted;

        public void Start()
        {
            lock (_lock)
            {
                _startTicks = _owner._time.GetTimestamp();
                _registration = _cancellationToken.Register(Stop);
            }

            SendDue();
            if (!HasEnded)
            {
                _owner._clock.Add(this);
            }
        }

        public void SendDue()
        {
            lock (_lock)
            {
                if (Completion.Task.IsCompleted)
                {
                    return;
                }

                var now = _owner._time.GetTimestamp();
                var due = Math.Min(_totalFrames, ((now - _startTicks) / _frameTicks) + 1);
                if (due - _nextFrame > _options.MaxBurstFrames)
                {
                    _nextFrame = due - _options.MaxBurstFrames; // skipped frames still advance the timestamp
                }

                try
                {
                    while (_nextFrame < due)
                    {
                        SendFrame(_nextFrame);
                        _nextFrame++;
                    }
                }
                catch (Exception ex)
                {
                    // An exception escaping the clock's thread would end the process; fail this playback instead.
                    Finish();
                    Completion.TrySetException(ex);
                    return;
                }

                if (_nextFrame >= _totalFrames)
                {
                    Finish();
                    Completion.TrySetResult();
                }
            }
        }

        private void SendFrame(long index)
        {
            var size = _options.SamplesPerFrame;
            var samples = _clip.Samples.Span;
            var clipFrames = (samples.Length + size - 1) / size;
            var offset = (int)(index % clipFrames) * size;
            var available = Math.Min(size, samples.Length - offset);
            samples.Slice(offset, available).CopyTo(_frame);
            _frame.AsSpan(available).Fill(G711.Silence(_clip.Law)); // pad the clip's last frame
            var timestamp = unchecked(_startTimestamp + (uint)(index * size));
            _owner._sink(_frame, timestamp, index == 0);
        }

        private void Stop()
        {
            lock (_lock)
            {
                if (Completion.Task.IsCompleted)
                {
                    return;
                }

                Finish();
                Completion.TrySetCanceled(_cancellationToken);
            }
        }

        // Unregister, not Dispose: Dispose waits for a cancellation callback running on another thread,
        // which would be waiting for _lock held here, and the clock's thread would hang with it.
        private void Finish() => _registration.Unregister();
    }
}
