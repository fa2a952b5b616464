using CallRouter.Media.Codecs;

namespace CallRouter.Media.Audio;

/// <summary>Mono 8 kHz G.711 audio ready to packetise: one byte per sample.</summary>
public sealed record AudioClip(G711Law Law, ReadOnlyMemory<byte> Samples)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(Samples.Length / 8000.0);

    /// <summary>The same audio in the other law (table transcoding), or this clip when the law already matches.</summary>
    public AudioClip ConvertTo(G711Law law)
    {
        if (law == Law)
        {
            return this;
        }

        var converted = new byte[Samples.Length];
        G711.Transcode(Law, law, Samples.Span, converted);
        return new AudioClip(law, converted);
    }

    /// <summary>Joins clips into one, converting each to <paramref name="law"/> (e.g. "your problem number is" + digits).</summary>
    public static AudioClip Concat(G711Law law, IEnumerable<AudioClip> clips)
    {
        var parts = clips.Select(c => c.ConvertTo(law)).ToList();
        var buffer = new byte[parts.Sum(p => p.Samples.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.Samples.Span.CopyTo(buffer.AsSpan(offset));
            offset += part.Samples.Length;
        }

        return new AudioClip(law, buffer);
    }

    /// <summary>Silence of the given length, e.g. a pause between announcement parts.</summary>
    public static AudioClip Silence(G711Law law, TimeSpan duration)
    {
        var buffer = new byte[(int)(duration.TotalSeconds * 8000)];
        buffer.AsSpan().Fill(G711.Silence(law));
        return new AudioClip(law, buffer);
    }
}
