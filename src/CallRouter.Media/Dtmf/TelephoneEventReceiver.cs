namespace CallRouter.Media.Dtmf;

/// <summary>
/// Turns a stream of RFC 4733 telephone-event packets into key presses, exactly once each.
/// An event is identified by its RTP timestamp (§2.5.2.1): every update and the (usually
/// triplicated) end packets of one press share it, so duplicates collapse. A press is reported
/// on its first packet, which makes it robust to lost end packets; a new timestamp ends the
/// previous press even if its end never arrived. Presses longer than the 16-bit duration field
/// continue in segments with a later timestamp and no marker (§2.5.1.3) and stay one press.
/// Not thread-safe; the owning session calls it from its receive path.
/// </summary>
public sealed class TelephoneEventReceiver
{
    private readonly int _clockRate;
    private Press? _current;

    public TelephoneEventReceiver(int clockRate = 8000)
    {
        _clockRate = clockRate;
    }

    /// <summary>Raised once per key press, on its first packet.</summary>
    public event Action<char>? DigitReceived;

    /// <summary>Raised once per key press when its end packet arrives or its end is inferred.</summary>
    public event Action<DtmfDigitEnded>? DigitEnded;

    public void Process(uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        if (!TelephoneEvent.TryParse(payload, out var packet) || !DtmfDigit.TryFromEvent(packet.Event, out var digit))
        {
            return;
        }

        if (_current is { } current)
        {
            if (timestamp == current.SegmentTimestamp && packet.Event == current.Event)
            {
                current.SegmentDuration = Math.Max(current.SegmentDuration, packet.Duration);
                if (packet.End)
                {
                    End(current, endSeen: true);
                }

                return;
            }

            var ahead = unchecked((int)(timestamp - current.SegmentTimestamp));
            if (ahead <= 0)
            {
                // A late retransmission of an older event (already handled), or a different event code
                // on the current event's timestamp, which no conforming sender produces: ignore both.
                return;
            }

            if (!current.Ended && !marker && packet.Event == current.Event && ahead <= 0x10000)
            {
                // A long press continued in a new segment.
                current.EarlierSegments += (uint)ahead;
                current.SegmentTimestamp = timestamp;
                current.SegmentDuration = packet.Duration;
                if (packet.End)
                {
                    End(current, endSeen: true);
                }

                return;
            }

            if (!current.Ended)
            {
                End(current, endSeen: false);
            }
        }

        var press = new Press(packet.Event, digit, timestamp) { SegmentDuration = packet.Duration };
        _current = press;
        DigitReceived?.Invoke(digit);
        if (packet.End)
        {
            End(press, endSeen: true);
        }
    }

    private void End(Press press, bool endSeen)
    {
        if (press.Ended)
        {
            return;
        }

        press.Ended = true;
        var samples = press.EarlierSegments + press.SegmentDuration;
        DigitEnded?.Invoke(new DtmfDigitEnded(press.Digit, TimeSpan.FromSeconds((double)samples / _clockRate), endSeen));
    }

    private sealed class Press(byte eventCode, char digit, uint timestamp)
    {
        public byte Event { get; } = eventCode;

        public char Digit { get; } = digit;

        public uint SegmentTimestamp { get; set; } = timestamp;

        public ushort SegmentDuration { get; set; }

        public uint EarlierSegments { get; set; }

        public bool Ended { get; set; }
    }
}
