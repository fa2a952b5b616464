using CallRouter.Media.Dtmf;

namespace CallRouter.Media.Tests.Dtmf;

public class TelephoneEventGeneratorTests
{
    [Fact]
    public void Generate_HundredMillisecondPress_StartUpdatesAndThreeEnds()
    {
        var packets = TelephoneEventGenerator.Generate('#', TimeSpan.FromMilliseconds(100), 4000);

        Assert.Equal([160, 320, 480, 640, 800, 800, 800], packets.Select(p => (int)p.Event.Duration));
        Assert.Equal([true, false, false, false, false, false, false], packets.Select(p => p.Marker));
        Assert.Equal([false, false, false, false, true, true, true], packets.Select(p => p.Event.End));
        Assert.All(packets, p => Assert.Equal(4000u, p.Timestamp));
        Assert.All(packets, p => Assert.Equal(11, p.Event.Event));
        Assert.Equal(TimeSpan.FromMilliseconds(120), packets[^1].Offset);
    }

    [Fact]
    public void Generate_TenSecondPress_SplitsAtSixteenBitDuration()
    {
        var packets = TelephoneEventGenerator.Generate('1', TimeSpan.FromSeconds(10), uint.MaxValue - 100);

        var timestamps = packets.Select(p => p.Timestamp).Distinct().ToList();
        Assert.Equal([uint.MaxValue - 100, unchecked(uint.MaxValue - 100 + 65535)], timestamps);
        Assert.All(packets, p => Assert.InRange(p.Event.Duration, 1, ushort.MaxValue));
        Assert.Equal(80000 - 65535, packets[^1].Event.Duration);
        Assert.Single(packets, p => p.Marker);
    }

    [Fact]
    public void Generate_NotADigit_Throws()
    {
        Assert.Throws<ArgumentException>(() => TelephoneEventGenerator.Generate('x', TimeSpan.FromMilliseconds(100), 0));
    }

    [Fact]
    public void TelephoneEvent_WriteThenParse_RoundTrips()
    {
        var payload = new byte[4];
        var value = new TelephoneEvent(15, true, 63, 0xFFFF);
        value.WriteTo(payload);

        Assert.True(TelephoneEvent.TryParse(payload, out var parsed));
        Assert.Equal(value, parsed);
        Assert.Equal(new byte[] { 15, 0xBF, 0xFF, 0xFF }, payload);
    }
}
