namespace CallRouter.Gateway;

/// <summary>Voice messages left instead of waiting (SPEC R12).</summary>
public sealed class VoicemailOptions
{
    /// <summary>The digit a caller on hold presses to leave a message (the shipped prompt says 9); empty turns voicemail off.</summary>
    public string Digit { get; set; } = "9";

    /// <summary>Folder for message WAV files; a relative path is inside the server's data folder.</summary>
    public string Folder { get; set; } = "voicemail";

    public TimeSpan MaxLength { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The caller may end the message early with this digit.</summary>
    public string EndDigit { get; set; } = "#";
}
