using BenchmarkDotNet.Attributes;
using CallRouter.Media.Codecs;

namespace CallRouter.Benchmarks.Media;

/// <summary>One 20 ms G.711 frame (160 samples) through each codec path.</summary>
[MemoryDiagnoser]
public class MediaG711Benchmarks
{
    private readonly short[] _pcm = new short[160];
    private readonly byte[] _mu = new byte[160];
    private readonly byte[] _a = new byte[160];
    private readonly short[] _decoded = new short[160];

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(12000 * Math.Sin(2 * Math.PI * 440 * i / 8000.0));
        }

        G711.Encode(G711Law.MuLaw, _pcm, _mu);
    }

    [Benchmark]
    public byte EncodeMuLawFrame()
    {
        G711.Encode(G711Law.MuLaw, _pcm, _mu);
        return _mu[17];
    }

    [Benchmark]
    public short DecodeMuLawFrame()
    {
        G711.Decode(G711Law.MuLaw, _mu, _decoded);
        return _decoded[17];
    }

    [Benchmark]
    public byte TranscodeMuLawToALawFrame()
    {
        G711.Transcode(G711Law.MuLaw, G711Law.ALaw, _mu, _a);
        return _a[17];
    }
}
