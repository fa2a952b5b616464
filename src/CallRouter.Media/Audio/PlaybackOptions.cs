namespace CallRouter.Media.Audio;

/// <summary>How a clip is played.</summary>
public sealed record PlaybackOptions
{
    /// <summary>Restart from the beginning when the clip ends (hold music) until cancelled or <see cref="MaxDuration"/>.</summary>
    public bool Loop { get; init; }

    /// <summary>Stop after this long even when looping; null for no limit.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Samples per frame at 8 kHz: 160 for the usual 20 ms ptime.</summary>
    public int SamplesPerFrame { get; init; } = 160;

    /// <summary>
    /// After a stall (GC pause, overloaded host) at most this many late frames are sent back to back;
    /// older ones are skipped so the stream catches up with the wall clock instead of lagging for ever.
    /// </summary>
    public int MaxBurstFrames { get; init; } = 10;
}
