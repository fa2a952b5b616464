namespace CallRouter.MediaLoad;

/// <summary>What the listener process measured in the playback mode, sent back as one JSON line.</summary>
internal sealed record ListenerReport(
    int Streams,
    long Received,
    long Gaps,
    double LateP50Microseconds,
    double LateP99Microseconds,
    double LateP999Microseconds,
    double LateMaxMicroseconds,
    double CpuSeconds,
    double WallSeconds);
