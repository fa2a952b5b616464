namespace CallRouter.Media.Recording;

/// <summary>Which side of the stereo image a direction is written to; mixed recordings sum both.</summary>
public enum RecordingChannel
{
    /// <summary>By convention the caller (what the caller's leg receives from the caller).</summary>
    Left,

    /// <summary>By convention the desk side: agent voice or prompts.</summary>
    Right,
}
