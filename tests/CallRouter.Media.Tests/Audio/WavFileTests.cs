using System.Buffers.Binary;
using CallRouter.Media.Audio;
using CallRouter.Media.Codecs;

namespace CallRouter.Media.Tests.Audio;

public class WavFileTests
{
    private static byte[] Written(WavAudio audio)
    {
        using var stream = new MemoryStream();
        WavFile.Write(stream, audio);
        return stream.ToArray();
    }

    [Theory]
    [InlineData(WavFormat.Pcm16, 1)]
    [InlineData(WavFormat.Pcm16, 2)]
    [InlineData(WavFormat.MuLaw, 1)]
    [InlineData(WavFormat.ALaw, 2)]
    public void WriteThenParse_EachFormat_RoundTrips(WavFormat format, int channels)
    {
        var data = Enumerable.Range(0, 8 * channels * (format == WavFormat.Pcm16 ? 2 : 1)).Select(i => (byte)(i * 7)).ToArray();
        var audio = new WavAudio(format, channels, 8000, data);

        var parsed = WavFile.Parse(Written(audio));

        Assert.Equal(audio.Format, parsed.Format);
        Assert.Equal(audio.Channels, parsed.Channels);
        Assert.Equal(8000, parsed.SampleRate);
        Assert.Equal(data, parsed.Data);
    }

    [Fact]
    public void Write_MuLawMono_HeaderFieldsMatchWaveSpecification()
    {
        var bytes = Written(new WavAudio(WavFormat.MuLaw, 1, 8000, new byte[100]));

        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal((uint)bytes.Length - 8, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));    // WAVE_FORMAT_MULAW
        Assert.Equal(8000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(28))); // byte rate
        Assert.Equal("fact"u8.ToArray(), bytes[38..42]);
        Assert.Equal(100u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(46)));  // sample frames
        Assert.Equal(58 + 100, bytes.Length);
    }

    [Fact]
    public void Parse_UnknownChunkBeforeData_Skipped()
    {
        var audio = Written(new WavAudio(WavFormat.Pcm16, 1, 8000, [1, 0, 2, 0]));
        // Insert an odd-sized LIST chunk (with its pad byte) between fmt and data.
        byte[] list = [.. "LIST"u8, 3, 0, 0, 0, 0x41, 0x42, 0x43, 0x00];
        var withList = audio[..36].Concat(list).Concat(audio[36..]).ToArray();

        var parsed = WavFile.Parse(withList);

        Assert.Equal(new byte[] { 1, 0, 2, 0 }, parsed.Data);
    }

    [Fact]
    public void Parse_DataSizeLargerThanFile_TakesWhatIsPresent()
    {
        var bytes = Written(new WavAudio(WavFormat.ALaw, 1, 8000, new byte[10]));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(54), 0xFFFFFFFF);

        Assert.Equal(10, WavFile.Parse(bytes).Data.Length);
    }

    [Theory]
    [InlineData("RIFX")]
    [InlineData("short")]
    [InlineData("float")]
    [InlineData("nodata")]
    [InlineData("chunk-overrun")]
    public void Parse_MalformedOrUnsupported_ThrowsWavFormatException(string variant)
    {
        var bytes = Written(new WavAudio(WavFormat.Pcm16, 1, 8000, new byte[4]));
        switch (variant)
        {
            case "RIFX": bytes[3] = (byte)'X'; break;
            case "short": bytes = bytes[..10]; break;
            case "float": BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), 3); break;
            case "nodata": bytes = bytes[..36]; break;
            case "chunk-overrun": BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 1000); break;
        }

        Assert.Throws<WavFormatException>(() => WavFile.Parse(bytes));
    }

    [Fact]
    public void ToClip_Pcm16Stereo_MixesDownAndEncodes()
    {
        var pcm = new byte[8];
        BinaryPrimitives.WriteInt16LittleEndian(pcm, 1000);
        BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(2), 3000);
        BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(4), -2000);
        BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(6), -2000);
        var audio = new WavAudio(WavFormat.Pcm16, 2, 8000, pcm);

        var clip = audio.ToClip(G711Law.ALaw);

        Assert.Equal(new[] { G711.EncodeALaw(2000), G711.EncodeALaw(-2000) }, clip.Samples.ToArray());
    }

    [Fact]
    public void ToClip_SixteenKilohertz_Refused()
    {
        var audio = new WavAudio(WavFormat.Pcm16, 1, 16000, new byte[4]);
        Assert.Throws<WavFormatException>(() => audio.ToClip(G711Law.MuLaw));
    }

    [Fact]
    public void WavWriter_IncrementalWrites_HeaderPatchedWithTotalLength()
    {
        using var stream = new MemoryStream();
        using (var writer = new WavWriter(stream, WavFormat.Pcm16, 2, leaveOpen: true))
        {
            writer.Write(new byte[400]);
            writer.Write(new byte[240]);
        }

        var parsed = WavFile.Parse(stream.ToArray());
        Assert.Equal(640, parsed.Data.Length);
        Assert.Equal(160, parsed.SampleFrames);
        Assert.Equal(TimeSpan.FromMilliseconds(20), parsed.Duration);
    }
}
