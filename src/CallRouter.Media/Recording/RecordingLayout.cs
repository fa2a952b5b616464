namespace CallRouter.Media.Recording;

/// <summary>How the two directions of a call are laid out in the recording.</summary>
public enum RecordingLayout
{
    /// <summary>One channel per direction: best for quality review (who said what).</summary>
    Stereo,

    /// <summary>Both directions summed into one channel: half the size, like a listener on the line.</summary>
    Mixed,
}
