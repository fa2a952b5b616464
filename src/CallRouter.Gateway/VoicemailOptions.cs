namespace CallRouter.Gateway;

/// <summary>Voice messages left instead of waiting (SPEC R12).</summary>
public sealed class VoicemailOptions
{
    /// <summary>The digit a caller on hold presses to leave a message (the shipped prompt says 9); empty turns voicemail off.</summary>
    public string Digit { get; set; } = "9";

    /// <summary>Folder for message WAV files; relative paths are under the process's working directory.</summary>
    public string Folder { get; set; } = "data/voicemail";

    public TimeSpan MaxLength { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The caller may end the message early with this digit.</summary>
    public string EndDigit { get; set; } = "#";
}
