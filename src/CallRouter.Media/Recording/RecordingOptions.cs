using CallRouter.Media.Audio;

namespace CallRouter.Media.Recording;

/// <summary>Layout and encoding of a call recording.</summary>
public sealed record RecordingOptions
{
    public RecordingLayout Layout { get; init; } = RecordingLayout.Stereo;

    /// <summary>PCM16 for editing tools; µ-law or A-law halve the size (16 kB/s stereo).</summary>
    public WavFormat Format { get; init; } = WavFormat.MuLaw;

    /// <summary>
    /// How far one direction may run ahead of the other before the lagging one is written out as
    /// silence; also the reorder window for late packets.
    /// </summary>
    public TimeSpan AlignmentWindow { get; init; } = TimeSpan.FromSeconds(1);
}
