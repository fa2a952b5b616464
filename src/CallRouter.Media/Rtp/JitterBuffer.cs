namespace CallRouter.Media.Rtp;

/// <summary>
/// A fixed-depth receive jitter buffer for constant-rate audio. Packets are stored by sequence
/// number in a ring of preallocated slots; playout starts once <c>depth</c> packets are
/// buffered and then takes one packet per tick in sequence order. A gap with later packets
/// waiting is reported as <see cref="JitterBufferStatus.Missing"/> so the consumer can conceal
/// it; an empty buffer goes back to buffering instead of racing ahead of a paused sender.
/// Not thread-safe; one owner pushes and pops under its own lock.
/// </summary>
public sealed class JitterBuffer
{
    private readonly Slot[] _slots;
    private readonly int _depth;
    private int _count;
    private bool _playing;
    private ushort _next;

    public JitterBuffer(int depth = 3, int capacity = 64, int maxPayload = 480)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, depth * 2);
        _depth = depth;
        _slots = new Slot[capacity];
        for (var i = 0; i < capacity; i++)
        {
            _slots[i] = new Slot(maxPayload);
        }
    }

    public int Count => _count;

    public long LatePackets { get; private set; }

    public long DuplicatePackets { get; private set; }

    public long MissingPackets { get; private set; }

    /// <summary>Packets thrown away because they arrived too far ahead (sender jumped or burst).</summary>
    public long OverflowResets { get; private set; }

    /// <summary>Stores a packet; returns false when it is late, a duplicate, or too large.</summary>
    public bool Push(ushort sequence, uint timestamp, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > _slots[0].Buffer.Length)
        {
            return false;
        }

        if (_playing || _count > 0)
        {
            var distance = (short)(sequence - _next);
            if (_playing && distance < 0)
            {
                LatePackets++;
                return false;
            }

            if (distance >= _slots.Length || distance <= -_slots.Length)
            {
                // Too far from what we hold to fit the ring: the sender restarted or jumped. Start over.
                OverflowResets++;
                Clear();
            }
        }

        if (_count == 0 && !_playing)
        {
            _next = sequence;
        }
        else if (!_playing && (short)(sequence - _next) < 0)
        {
            // Reordered while pre-buffering: playout starts at the lowest sequence seen.
            _next = sequence;
        }

        var slot = _slots[sequence % _slots.Length];
        if (slot.Occupied)
        {
            if (slot.Sequence == sequence)
            {
                DuplicatePackets++;
                return false;
            }

            // An old packet the ring wrapped over; it can never be played now.
            _count--;
        }

        payload.CopyTo(slot.Buffer);
        slot.Length = payload.Length;
        slot.Sequence = sequence;
        slot.Timestamp = timestamp;
        slot.Occupied = true;
        _count++;
        if (!_playing && _count >= _depth)
        {
            _playing = true;
        }

        return true;
    }

    /// <summary>Takes the frame for one playout tick into <paramref name="destination"/>.</summary>
    public JitterBufferStatus Pop(Span<byte> destination, out int length, out uint timestamp)
    {
        length = 0;
        timestamp = 0;
        if (!_playing)
        {
            return JitterBufferStatus.Buffering;
        }

        if (_count == 0)
        {
            // Underrun: rebuffer rather than advance, so a sender that paused is not later judged late.
            _playing = false;
            return JitterBufferStatus.Buffering;
        }

        var slot = _slots[_next % _slots.Length];
        _next++;
        if (!slot.Occupied || slot.Sequence != (ushort)(_next - 1))
        {
            MissingPackets++;
            return JitterBufferStatus.Missing;
        }

        slot.Buffer.AsSpan(0, slot.Length).CopyTo(destination);
        length = slot.Length;
        timestamp = slot.Timestamp;
        slot.Occupied = false;
        _count--;
        return JitterBufferStatus.Frame;
    }

    private void Clear()
    {
        foreach (var slot in _slots)
        {
            slot.Occupied = false;
        }

        _count = 0;
        _playing = false;
    }

    private sealed class Slot(int size)
    {
        public byte[] Buffer { get; } = new byte[size];

        public int Length { get; set; }

        public ushort Sequence { get; set; }

        public uint Timestamp { get; set; }

        public bool Occupied { get; set; }
    }
}
