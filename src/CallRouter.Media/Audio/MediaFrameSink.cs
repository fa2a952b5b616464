namespace CallRouter.Media.Audio;

/// <summary>Receives one paced frame: payload bytes, its RTP timestamp and whether it starts a talkspurt.</summary>
public delegate void MediaFrameSink(ReadOnlySpan<byte> payload, uint timestamp, bool marker);
