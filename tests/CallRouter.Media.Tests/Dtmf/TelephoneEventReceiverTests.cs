using CallRouter.Media.Dtmf;

namespace CallRouter.Media.Tests.Dtmf;

/// <summary>RFC 4733 event sequences as they arrive on the wire, with loss, duplication and reordering.</summary>
public class TelephoneEventReceiverTests
{
    private readonly TelephoneEventReceiver _receiver = new();
    private readonly List<char> _digits = [];
    private readonly List<DtmfDigitEnded> _ends = [];

    public TelephoneEventReceiverTests()
    {
        _receiver.DigitReceived += _digits.Add;
        _receiver.DigitEnded += _ends.Add;
    }

    private void Feed(uint timestamp, bool marker, byte code, bool end, ushort duration)
    {
        var payload = new byte[4];
        new TelephoneEvent(code, end, 10, duration).WriteTo(payload);
        _receiver.Process(timestamp, marker, payload);
    }

    /// <summary>A 100 ms press of <paramref name="code"/> at <paramref name="ts"/>: start, updates, end ×3.</summary>
    private void Press(uint ts, byte code, bool dropStart = false, bool dropEnds = false)
    {
        if (!dropStart)
        {
            Feed(ts, true, code, false, 160);
        }

        Feed(ts, false, code, false, 320);
        Feed(ts, false, code, false, 480);
        Feed(ts, false, code, false, 640);
        if (!dropEnds)
        {
            Feed(ts, false, code, true, 800);
            Feed(ts, false, code, true, 800);
            Feed(ts, false, code, true, 800);
        }
    }

    [Fact]
    public void Process_CleanPressWithTripleEnd_OneDigitOneEnd()
    {
        Press(1000, 5);

        Assert.Equal(['5'], _digits);
        Assert.Equal([new DtmfDigitEnded('5', TimeSpan.FromMilliseconds(100), true)], _ends);
    }

    [Fact]
    public void Process_SameDigitTwiceInARow_TwoDigits()
    {
        Press(1000, 5);
        Press(3000, 5);

        Assert.Equal(['5', '5'], _digits);
        Assert.Equal(2, _ends.Count);
    }

    [Fact]
    public void Process_AllEndPacketsLost_NextPressEndsItAndStillCounts()
    {
        Press(1000, 1, dropEnds: true);
        Press(3000, 2);

        Assert.Equal(['1', '2'], _digits);
        Assert.Equal(new DtmfDigitEnded('1', TimeSpan.FromMilliseconds(80), false), _ends[0]);
        Assert.True(_ends[1].EndSeen);
    }

    [Fact]
    public void Process_AllEndPacketsLostThenSameDigitWithMarker_TwoDigits()
    {
        Press(1000, 7, dropEnds: true);
        Press(3000, 7);

        Assert.Equal(['7', '7'], _digits);
    }

    [Fact]
    public void Process_StartPacketLost_DigitReportedOnFirstUpdate()
    {
        Press(1000, 9, dropStart: true);

        Assert.Equal(['9'], _digits);
        Assert.Single(_ends);
    }

    [Fact]
    public void Process_OnlyEndPacketsArrive_DigitReportedOnce()
    {
        Feed(1000, false, 11, true, 800);
        Feed(1000, false, 11, true, 800);

        Assert.Equal(['#'], _digits);
        Assert.Single(_ends);
    }

    [Fact]
    public void Process_LateRetransmissionOfEarlierEvent_Ignored()
    {
        Press(1000, 1);
        Press(3000, 2);
        Feed(1000, false, 1, true, 800);

        Assert.Equal(['1', '2'], _digits);
    }

    [Fact]
    public void Process_LongPressSplitIntoSegments_OneDigitWithFullDuration()
    {
        // A 10 s press: the first segment runs to the 16-bit maximum, the second continues at ts + 65535 without a marker.
        var packets = TelephoneEventGenerator.Generate('0', TimeSpan.FromSeconds(10), 5000);
        foreach (var p in packets)
        {
            var payload = new byte[4];
            p.Event.WriteTo(payload);
            _receiver.Process(p.Timestamp, p.Marker, payload);
        }

        Assert.Equal(['0'], _digits);
        Assert.Equal(TimeSpan.FromSeconds(10), Assert.Single(_ends).Duration);
    }

    [Fact]
    public void Process_InterleavedDuplicatesOfUpdates_OneDigit()
    {
        Feed(1000, true, 3, false, 160);
        Feed(1000, true, 3, false, 160);
        Feed(1000, false, 3, false, 320);
        Feed(1000, false, 3, false, 160);
        Feed(1000, false, 3, true, 480);

        Assert.Equal(['3'], _digits);
        Assert.Equal(TimeSpan.FromMilliseconds(60), Assert.Single(_ends).Duration);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 16, 0x80, 0, 160 })]
    public void Process_ShortPayloadOrNonDtmfEvent_Ignored(byte[] payload)
    {
        _receiver.Process(1000, true, payload);
        Assert.Empty(_digits);
    }
}
