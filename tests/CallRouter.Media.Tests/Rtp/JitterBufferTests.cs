using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.Rtp;

public class JitterBufferTests
{
    private static byte[] Payload(ushort seq) => [(byte)seq, (byte)(seq >> 8)];

    private static List<string> Drain(JitterBuffer buffer, int ticks)
    {
        var output = new List<string>();
        var frame = new byte[480];
        for (var i = 0; i < ticks; i++)
        {
            var status = buffer.Pop(frame, out var length, out _);
            output.Add(status == JitterBufferStatus.Frame ? (frame[0] | (frame[1] << 8)).ToString(System.Globalization.CultureInfo.InvariantCulture) : status.ToString());
        }

        return output;
    }

    [Fact]
    public void Pop_BeforeDepthReached_Buffers()
    {
        var buffer = new JitterBuffer(depth: 3);
        buffer.Push(1, 160, Payload(1));
        buffer.Push(2, 320, Payload(2));

        Assert.Equal(["Buffering"], Drain(buffer, 1));
    }

    [Fact]
    public void Pop_ReorderedArrival_PlaysInSequenceOrder()
    {
        var buffer = new JitterBuffer(depth: 3);
        foreach (ushort seq in new ushort[] { 3, 1, 2, 5, 4 })
        {
            buffer.Push(seq, (uint)(seq * 160), Payload(seq));
        }

        Assert.Equal(["1", "2", "3", "4", "5"], Drain(buffer, 5));
    }

    [Fact]
    public void Pop_GapWithLaterPacketsBuffered_ReportsMissingThenContinues()
    {
        var buffer = new JitterBuffer(depth: 2);
        foreach (ushort seq in new ushort[] { 10, 11, 13, 14 })
        {
            buffer.Push(seq, seq, Payload(seq));
        }

        Assert.Equal(["10", "11", "Missing", "13", "14"], Drain(buffer, 5));
        Assert.Equal(1, buffer.MissingPackets);
    }

    [Fact]
    public void Push_PacketOlderThanPlayout_DroppedAsLate()
    {
        var buffer = new JitterBuffer(depth: 2);
        buffer.Push(10, 0, Payload(10));
        buffer.Push(11, 0, Payload(11));
        Drain(buffer, 2);

        Assert.False(buffer.Push(9, 0, Payload(9)));
        Assert.Equal(1, buffer.LatePackets);
    }

    [Fact]
    public void Push_Duplicate_DroppedAndCounted()
    {
        var buffer = new JitterBuffer(depth: 3);
        Assert.True(buffer.Push(1, 0, Payload(1)));
        Assert.False(buffer.Push(1, 0, Payload(1)));
        Assert.Equal(1, buffer.DuplicatePackets);
        Assert.Equal(1, buffer.Count);
    }

    [Fact]
    public void Pop_SenderPausesThenResumes_RebuffersInsteadOfDroppingResumedPackets()
    {
        var buffer = new JitterBuffer(depth: 2);
        buffer.Push(1, 0, Payload(1));
        buffer.Push(2, 0, Payload(2));
        Assert.Equal(["1", "2", "Buffering", "Buffering"], Drain(buffer, 4));

        buffer.Push(3, 0, Payload(3));
        buffer.Push(4, 0, Payload(4));

        Assert.Equal(["3", "4"], Drain(buffer, 2));
        Assert.Equal(0, buffer.LatePackets);
    }

    [Fact]
    public void Push_SequenceJumpBeyondCapacity_ResetsAndFollowsNewSequence()
    {
        var buffer = new JitterBuffer(depth: 2, capacity: 8);
        buffer.Push(1, 0, Payload(1));
        buffer.Push(2, 0, Payload(2));
        buffer.Push(1000, 0, Payload(1000));
        buffer.Push(1001, 0, Payload(1001));

        Assert.Equal(1, buffer.OverflowResets);
        Assert.Equal(["1000", "1001"], Drain(buffer, 2));
    }

    [Fact]
    public void Pop_SequenceWrapsAroundSixteenBits_StaysInOrder()
    {
        var buffer = new JitterBuffer(depth: 2);
        foreach (ushort seq in new ushort[] { 65534, 65535, 0, 1 })
        {
            buffer.Push(seq, 0, Payload(seq));
        }

        Assert.Equal(["65534", "65535", "0", "1"], Drain(buffer, 4));
    }
}
