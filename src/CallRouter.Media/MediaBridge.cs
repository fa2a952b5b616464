using CallRouter.Media.Bridging;
using CallRouter.Media.Codecs;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.Media;

/// <summary>
/// Relays media between two legs (caller and agent). Each leg keeps its own SSRC and sequence
/// space: incoming timestamps are shifted onto the target leg's media clock (re-anchored, with
/// the marker bit, whenever the source changes), sequence gaps are reproduced so loss stays
/// visible downstream, and G.711 is transcoded when the legs negotiated different laws.
/// Audio is relayed on the receiving thread with no buffering, so the bridge adds no delay of its
/// own. Mute drops one direction; hold stops both so the gateway can play music.
/// </summary>
public sealed class MediaBridge : IDisposable
{
    private readonly Direction _aToB;
    private readonly Direction _bToA;
    private readonly BridgeOptions _options;
    private volatile bool _held;
    private int _disposed;

    private MediaBridge(MediaSession a, MediaSession b, BridgeOptions options)
    {
        LegA = a;
        LegB = b;
        _options = options;
        _aToB = new Direction(b);
        _bToA = new Direction(a);
    }

    public MediaSession LegA { get; }

    public MediaSession LegB { get; }

    public DtmfBridgeMode DtmfMode => _options.DtmfMode;

    public bool IsHeld => _held;

    /// <summary>Audio and event packets relayed in both directions.</summary>
    public long PacketsRelayed => Interlocked.Read(ref _aToB.Relayed) + Interlocked.Read(ref _bToA.Relayed);

    /// <summary>Connects two negotiated legs. Neither may be playing or already bridged.</summary>
    public static MediaBridge Connect(MediaSession a, MediaSession b, BridgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (ReferenceEquals(a, b) || a.Bridge is not null || b.Bridge is not null)
        {
            throw new InvalidOperationException("Both legs must be distinct and not bridged already.");
        }

        if (a.IsPlaying || b.IsPlaying)
        {
            throw new InvalidOperationException("Stop playback on both legs before bridging them.");
        }

        var bridge = new MediaBridge(a, b, options ?? new BridgeOptions());
        a.AttachBridge(bridge);
        b.AttachBridge(bridge);
        return bridge;
    }

    /// <summary>Stops relaying audio that <paramref name="from"/> sends (or restarts it).</summary>
    public void Mute(MediaSession from, bool muted) => DirectionFrom(from).Muted = muted;

    /// <summary>Stops relaying in both directions; the legs may then play prompts or music.</summary>
    public void Hold() => _held = true;

    /// <summary>Relays again; the next packet each way re-anchors timestamps and carries the marker.</summary>
    public void Resume()
    {
        _aToB.Resync = true;
        _bToA.Resync = true;
        _held = false;
    }

    /// <summary>Detaches both legs; they stay up and can play or be bridged anew.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        LegA.AttachBridge(null);
        LegB.AttachBridge(null);
    }

    internal void RelayAudio(MediaSession from, in RtpPacket packet)
    {
        var direction = DirectionFrom(from);
        if (_held || direction.Muted)
        {
            return;
        }

        var sourceMedia = from.Media;
        var targetMedia = direction.Target.Media;
        if (sourceMedia is null || targetMedia is null || !direction.TryMap(packet.Header, direction.Target, _options.ResyncThreshold, out var timestamp, out var marker, out var advance))
        {
            return;
        }

        if (sourceMedia.Codec.Law == targetMedia.Codec.Law)
        {
            direction.Target.SendAudio(timestamp, marker, packet.Payload, advance);
        }
        else
        {
            Span<byte> converted = stackalloc byte[Math.Min(packet.Payload.Length, 1400)];
            G711.Transcode(sourceMedia.Codec.Law, targetMedia.Codec.Law, packet.Payload[..converted.Length], converted);
            direction.Target.SendAudio(timestamp, marker, converted, advance);
        }

        Interlocked.Increment(ref direction.Relayed);
    }

    /// <summary>Handles an RFC 4733 packet from <paramref name="from"/>; returns true when the digit must not also be reported locally.</summary>
    internal bool TryRelayEvent(MediaSession from, in RtpPacket packet)
    {
        if (_options.DtmfMode == DtmfBridgeMode.Intercept)
        {
            return false;
        }

        var direction = DirectionFrom(from);
        var targetMedia = direction.Target.Media;
        var canRelay = !_held && targetMedia is { TelephoneEventPayloadType: not null } && targetMedia.Direction.CanSend();
        if (canRelay
            && direction.TryMap(packet.Header, direction.Target, _options.ResyncThreshold, out var timestamp, out var marker, out var advance))
        {
            direction.Target.Rtp.Send((byte)targetMedia!.TelephoneEventPayloadType!.Value, timestamp, marker, packet.Payload, advance);
            Interlocked.Increment(ref direction.Relayed);
        }

        // A digit that cannot reach the other leg (no telephone-event there, or on hold) is reported
        // locally even in Pass mode, so the gateway can forward it by SIP INFO instead of losing it.
        return canRelay && _options.DtmfMode == DtmfBridgeMode.Pass;
    }

    private Direction DirectionFrom(MediaSession from) =>
        ReferenceEquals(from, LegA) ? _aToB
        : ReferenceEquals(from, LegB) ? _bToA
        : throw new ArgumentException("The session is not a leg of this bridge.", nameof(from));

    /// <summary>Rewriting state for one direction; only the source leg's receive thread touches the mapping.</summary>
    private sealed class Direction(MediaSession target)
    {
        public long Relayed;

        public MediaSession Target { get; } = target;

        public volatile bool Muted;

        public volatile bool Resync = true;

        private uint _sourceSsrc;
        private uint _timestampOffset;
        private uint _lastTimestamp;
        private ushort _lastSequence;

        public bool TryMap(in RtpHeader header, MediaSession target, TimeSpan resyncThreshold, out uint timestamp, out bool marker, out ushort advance)
        {
            var threshold = (long)(resyncThreshold.TotalSeconds * 8000);
            if (Resync || header.Ssrc != _sourceSsrc || Math.Abs(unchecked((int)(header.Timestamp - _lastTimestamp))) > threshold)
            {
                // New source or a jump: continue from the target leg's clock now so its stream stays monotonic.
                Resync = false;
                _sourceSsrc = header.Ssrc;
                _timestampOffset = unchecked(target.Rtp.NextTimestamp(target.Media?.SamplesPerPacket ?? 160) - header.Timestamp);
                _lastSequence = header.SequenceNumber;
                _lastTimestamp = header.Timestamp;
                timestamp = unchecked(header.Timestamp + _timestampOffset);
                marker = true;
                advance = 1;
                return true;
            }

            var gap = unchecked((ushort)(header.SequenceNumber - _lastSequence));
            if (gap == 0)
            {
                // A duplicate: relaying it would only duplicate it downstream.
                timestamp = 0;
                marker = false;
                advance = 0;
                return false;
            }

            if (gap < 0x8000)
            {
                _lastSequence = header.SequenceNumber;
                _lastTimestamp = header.Timestamp;
                advance = gap <= 100 ? gap : (ushort)1;
            }
            else
            {
                advance = 1; // reordered: send it on, the receiver's jitter buffer sorts by timestamp
            }

            timestamp = unchecked(header.Timestamp + _timestampOffset);
            marker = header.Marker;
            return true;
        }
    }
}
