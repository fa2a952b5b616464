namespace CallRouter.Media.Audio;

/// <summary>Sample encodings this product reads and writes (WAVE format tags 1, 7 and 6).</summary>
public enum WavFormat
{
    Pcm16,
    MuLaw,
    ALaw,
}
