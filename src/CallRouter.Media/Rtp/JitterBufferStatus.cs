namespace CallRouter.Media.Rtp;

/// <summary>What <see cref="JitterBuffer.Pop"/> produced for one playout tick.</summary>
public enum JitterBufferStatus
{
    /// <summary>The next packet in sequence was copied out.</summary>
    Frame,

    /// <summary>The next packet is missing but later ones are buffered: conceal one frame.</summary>
    Missing,

    /// <summary>Still filling to the target depth (at start or after an underrun): play silence.</summary>
    Buffering,
}
