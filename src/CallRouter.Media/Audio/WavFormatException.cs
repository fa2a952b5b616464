namespace CallRouter.Media.Audio;

/// <summary>A WAV file that is malformed or in a format the media path does not play (anything but 8 kHz PCM16/G.711).</summary>
public sealed class WavFormatException : Exception
{
    public WavFormatException()
    {
    }

    public WavFormatException(string message)
        : base(message)
    {
    }

    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
