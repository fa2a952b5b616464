using CallRouter.Media.Codecs;

namespace CallRouter.Media.Audio;

/// <summary>The contents of a WAV file: sample encoding, layout and the raw interleaved sample bytes.</summary>
public sealed record WavAudio(WavFormat Format, int Channels, int SampleRate, byte[] Data)
{
    public int BytesPerSample => Format == WavFormat.Pcm16 ? 2 : 1;

    public int SampleFrames => Data.Length / (BytesPerSample * Channels);

    public TimeSpan Duration => TimeSpan.FromSeconds((double)SampleFrames / SampleRate);

    /// <summary>Converts to a mono G.711 clip in <paramref name="law"/>; stereo is mixed down.</summary>
    public AudioClip ToClip(G711Law law)
    {
        if (SampleRate != 8000)
        {
            throw new WavFormatException($"Prompts must be 8 kHz; this file is {SampleRate} Hz.");
        }

        if (Channels == 1 && Format == (law == G711Law.MuLaw ? WavFormat.MuLaw : WavFormat.ALaw))
        {
            return new AudioClip(law, Data);
        }

        var pcm = ToPcm16Mono();
        var encoded = new byte[pcm.Length];
        G711.Encode(law, pcm, encoded);
        return new AudioClip(law, encoded);
    }

    /// <summary>Decodes to 16-bit mono samples, averaging channels.</summary>
    public short[] ToPcm16Mono()
    {
        var frames = SampleFrames;
        var result = new short[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var sum = 0;
            for (var channel = 0; channel < Channels; channel++)
            {
                sum += SampleAt((frame * Channels) + channel);
            }

            result[frame] = (short)(sum / Channels);
        }

        return result;
    }

    private short SampleAt(int index) => Format switch
    {
        WavFormat.Pcm16 => (short)(Data[2 * index] | (Data[(2 * index) + 1] << 8)),
        WavFormat.MuLaw => G711.DecodeMuLaw(Data[index]),
        _ => G711.DecodeALaw(Data[index]),
    };
}
