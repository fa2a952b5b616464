namespace CallRouter.Media.Rtp;

/// <summary>
/// Per-source reception statistics as RFC 3550 Appendix A defines them: sequence validation and
/// wrap counting (A.1), expected/lost packets and the interval fraction lost (A.3), and the
/// interarrival jitter estimate (A.8). Not thread-safe; the owning session serialises calls.
/// </summary>
public sealed class RtpReceiveStatistics
{
    private const int MaxDropout = 3000;
    private const int MaxMisorder = 100;
    private const int MinSequential = 2;
    private const uint SequenceModulus = 1 << 16;

    private readonly int _clockRate;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private uint _badSequence = SequenceModulus + 1;
    private int _probation = MinSequential;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _lastTransit;
    private bool _haveTransit;
    private double _jitter;
    private bool _initialised;

    public RtpReceiveStatistics(int clockRate = 8000)
    {
        _clockRate = clockRate;
    }

    /// <summary>Packets accepted as part of the stream (duplicates included, as RFC 3550 counts them).</summary>
    public long PacketsReceived => _received;

    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    public long PacketsExpected => _initialised ? ExtendedHighestSequence - _baseSequence + 1 : 0;

    /// <summary>Cumulative packets lost; negative when duplicates outnumber losses.</summary>
    public long PacketsLost => _initialised ? PacketsExpected - _received : 0;

    /// <summary>Interarrival jitter in RTP timestamp units.</summary>
    public double Jitter => _jitter;

    public double JitterMilliseconds => _jitter * 1000.0 / _clockRate;

    /// <summary>
    /// Records one packet. <paramref name="arrivalSeconds"/> is the arrival time on any
    /// monotonic clock in seconds; only differences matter. Returns false when the packet is not
    /// (yet) accepted as part of the stream: a probation packet or a large jump.
    /// </summary>
    public bool Update(ushort sequence, uint rtpTimestamp, double arrivalSeconds)
    {
        if (!_initialised)
        {
            Restart(sequence);
            _maxSequence = (ushort)(sequence - 1);
            _probation = MinSequential;
            _initialised = true;
        }

        if (!UpdateSequence(sequence))
        {
            return false;
        }

        // A.8: transit time difference in timestamp units, smoothed with gain 1/16.
        var arrival = (long)Math.Round(arrivalSeconds * _clockRate);
        var transit = arrival - rtpTimestamp;
        if (_haveTransit)
        {
            var d = Math.Abs(transit - _lastTransit);
            _jitter += (d - _jitter) / 16.0;
        }

        _lastTransit = transit;
        _haveTransit = true;
        return true;
    }

    /// <summary>Builds a report block for this source and starts a new reporting interval (A.3).</summary>
    public RtcpReportBlock CreateReportBlock(uint ssrc, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        var expected = PacketsExpected;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        var lostInterval = expectedInterval - receivedInterval;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);

        return new RtcpReportBlock(
            ssrc,
            (byte)fraction,
            (int)Math.Clamp(PacketsLost, -0x800000, 0x7FFFFF),
            ExtendedHighestSequence,
            (uint)_jitter,
            lastSenderReport,
            delaySinceLastSenderReport);
    }

    private bool UpdateSequence(ushort sequence)
    {
        var delta = (ushort)(sequence - _maxSequence);

        // A.1: a source is valid once MinSequential packets in a row have been seen.
        if (_probation > 0)
        {
            if (sequence == (ushort)(_maxSequence + 1))
            {
                _probation--;
                _maxSequence = sequence;
                if (_probation == 0)
                {
                    // As in A.1 the stream is counted from the packet that ends probation.
                    Restart(sequence);
                    _received = 1;
                    return true;
                }
            }
            else
            {
                _probation = MinSequential - 1;
                _maxSequence = sequence;
            }

            return false;
        }

        if (delta < MaxDropout)
        {
            if (sequence < _maxSequence)
            {
                _cycles += SequenceModulus; // wrapped
            }

            _maxSequence = sequence;
        }
        else if (delta <= SequenceModulus - MaxMisorder)
        {
            // A very large jump: either the sender restarted or this is a stray packet. Two in a row resync.
            if (sequence == _badSequence)
            {
                Restart(sequence);
                _maxSequence = sequence;
                _received = 0;
                _expectedPrior = 0;
                _receivedPrior = 0;
                _haveTransit = false;
            }
            else
            {
                _badSequence = (uint)((sequence + 1) & (SequenceModulus - 1));
                return false;
            }
        }

        // Otherwise a duplicate or a reordered packet: counted, no change to the maximum.
        _received++;
        return true;
    }

    private void Restart(ushort sequence)
    {
        _baseSequence = sequence;
        _maxSequence = sequence;
        _badSequence = SequenceModulus + 1;
        _cycles = 0;
    }
}
