using System.Text.Json;
using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;

namespace CallRouter.Media.Recording;

/// <summary>
/// Records both directions of a call into one WAV file, stereo or mixed, streaming to disk.
/// Each direction's packets are placed by RTP timestamp relative to an anchor taken from the
/// <see cref="TimeProvider"/> at its first packet, so reordering inside the alignment window
/// is repaired, gaps become silence and the two directions stay in step. Thread-safe: the two
/// directions usually arrive on different threads.
/// </summary>
public sealed class CallRecorder : IDisposable
{
    private const int SampleRate = 8000;
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly RecordingOptions _options;
    private readonly WavWriter _writer;
    private readonly string? _metadataPath;
    private readonly RecordingMetadata _metadata;
    private readonly long _startTicks;
    private readonly int _window;
    private readonly short[][] _ring;
    private readonly DirectionState[] _directions = [new(), new()];
    private readonly short[] _decoded = new short[960];
    private readonly byte[] _output;
    private long _flushed;
    private long _packets;
    private long _late;
    private bool _completed;

    /// <param name="output">Seekable stream for the WAV; owned and closed by the recorder.</param>
    /// <param name="metadataPath">Where to write the JSON metadata on completion; null for none.</param>
    public CallRecorder(Stream output, RecordingMetadata metadata, TimeProvider time, RecordingOptions? options = null, string? metadataPath = null)
    {
        _time = time;
        _options = options ?? new RecordingOptions();
        _metadataPath = metadataPath;
        _metadata = metadata with { StartedAt = time.GetUtcNow(), Layout = _options.Layout.ToString(), Format = _options.Format.ToString() };
        _startTicks = time.GetTimestamp();
        _window = (int)(_options.AlignmentWindow.TotalSeconds * SampleRate);
        var ringSize = (2 * _window) + 1920;
        _ring = [new short[ringSize], new short[ringSize]];
        var channels = _options.Layout == RecordingLayout.Stereo ? 2 : 1;
        _output = new byte[ringSize * channels * 2];
        _writer = new WavWriter(output, _options.Format, channels, SampleRate);
    }

    /// <summary>Opens <paramref name="wavPath"/> for writing and puts the metadata beside it as <c>.json</c>.</summary>
    public static CallRecorder Create(string wavPath, RecordingMetadata metadata, TimeProvider time, RecordingOptions? options = null) =>
        new(File.Create(wavPath), metadata, time, options, Path.ChangeExtension(wavPath, ".json"));

    /// <summary>Seconds of audio written so far (complete frames).</summary>
    public TimeSpan Written
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromSeconds((double)_flushed / SampleRate);
            }
        }
    }

    /// <summary>Adds one packet's G.711 payload to a channel.</summary>
    public void Write(RecordingChannel channel, uint ssrc, uint timestamp, G711Law law, ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 0 || payload.Length > _decoded.Length)
        {
            return;
        }

        lock (_lock)
        {
            if (_completed || Failure is not null)
            {
                return;
            }

            var state = _directions[(int)channel];
            var position = Place(state, ssrc, timestamp);
            var skip = 0;
            if (position < _flushed)
            {
                skip = (int)Math.Min(payload.Length, _flushed - position);
                if (skip == payload.Length)
                {
                    _late++;
                    return;
                }
            }

            var end = position + payload.Length;
            if (end - _flushed > _ring[0].Length)
            {
                SafeFlush(end - _ring[0].Length);
                if (Failure is not null)
                {
                    return;
                }
            }

            G711.Decode(law, payload, _decoded);
            var ring = _ring[(int)channel];
            for (var i = skip; i < payload.Length; i++)
            {
                ring[(position + i) % ring.Length] = _decoded[i];
            }

            state.MaxPosition = Math.Max(state.MaxPosition, end);
            _packets++;

            var target = Math.Max(_directions[0].MaxPosition, _directions[1].MaxPosition) - _window;
            if (target > _flushed)
            {
                SafeFlush(target);
            }
        }
    }

    /// <summary>Writes out everything buffered, closes the WAV and writes the metadata. Idempotent.</summary>
    public RecordingMetadata Complete()
    {
        lock (_lock)
        {
            if (_completed)
            {
                return _metadata;
            }

            _completed = true;
            if (Failure is null)
            {
                SafeFlush(Math.Max(_directions[0].MaxPosition, _directions[1].MaxPosition));
            }

            try
            {
                _writer.Dispose();
            }
            catch (IOException ex)
            {
                Failure ??= ex;
            }
            var final = _metadata with
            {
                EndedAt = _time.GetUtcNow(),
                Duration = TimeSpan.FromSeconds((double)_flushed / SampleRate),
                PacketsWritten = _packets,
                LatePacketsDropped = _late,
                Error = Failure?.Message,
            };
            if (_metadataPath is not null)
            {
                File.WriteAllText(_metadataPath, JsonSerializer.Serialize(final, JsonOptions));
            }

            return final;
        }
    }

    public void Dispose() => Complete();

    /// <summary>The I/O error that stopped the recording early, if any; the call itself carries on.</summary>
    public Exception? Failure { get; private set; }

    // Called under _lock. A full disk must end the recording, not the call.
    private void SafeFlush(long upTo)
    {
        try
        {
            Flush(upTo);
        }
        catch (IOException ex)
        {
            Failure = ex;
        }
    }

    private long Place(DirectionState state, uint ssrc, uint timestamp)
    {
        if (state.Anchored && state.Ssrc == ssrc)
        {
            var position = state.AnchorPosition + unchecked((int)(timestamp - state.AnchorTimestamp));
            // Within 30 s of where this direction was, trust the media clock (a packet far behind is
            // just late); beyond that the sender's clock jumped and we re-anchor on the wall clock.
            if (Math.Abs(position - state.MaxPosition) < 30 * SampleRate)
            {
                return position;
            }
        }

        state.Anchored = true;
        state.Ssrc = ssrc;
        state.AnchorTimestamp = timestamp;
        state.AnchorPosition = Math.Max((long)(_time.GetElapsedTime(_startTicks).TotalSeconds * SampleRate), state.MaxPosition);
        return state.AnchorPosition;
    }

    private void Flush(long upTo)
    {
        var stereo = _options.Layout == RecordingLayout.Stereo;
        var bytesPerSample = _options.Format == WavFormat.Pcm16 ? 2 : 1;
        var left = _ring[0];
        var right = _ring[1];
        var count = 0;
        for (var position = _flushed; position < upTo; position++)
        {
            var index = (int)(position % left.Length);
            if (stereo)
            {
                count = Emit(left[index], count, bytesPerSample);
                count = Emit(right[index], count, bytesPerSample);
            }
            else
            {
                count = Emit((short)Math.Clamp(left[index] + right[index], short.MinValue, short.MaxValue), count, bytesPerSample);
            }

            left[index] = 0;
            right[index] = 0;
            if (count > _output.Length - 8)
            {
                _writer.Write(_output.AsSpan(0, count));
                count = 0;
            }
        }

        _writer.Write(_output.AsSpan(0, count));
        _flushed = Math.Max(_flushed, upTo);
    }

    private int Emit(short sample, int offset, int bytesPerSample)
    {
        switch (_options.Format)
        {
            case WavFormat.Pcm16:
                _output[offset] = (byte)sample;
                _output[offset + 1] = (byte)(sample >> 8);
                break;
            case WavFormat.MuLaw:
                _output[offset] = G711.EncodeMuLaw(sample);
                break;
            default:
                _output[offset] = G711.EncodeALaw(sample);
                break;
        }

        return offset + bytesPerSample;
    }

    private sealed class DirectionState
    {
        public bool Anchored { get; set; }

        public uint Ssrc { get; set; }

        public uint AnchorTimestamp { get; set; }

        public long AnchorPosition { get; set; }

        public long MaxPosition { get; set; }
    }
}
