using System.Buffers.Binary;
using System.Text;

namespace CallRouter.Media.Audio;

/// <summary>
/// Reads and writes RIFF/WAVE files: PCM 16-bit, µ-law and A-law. Reading validates every chunk
/// length against the data actually present and skips chunks it does not know (LIST, fact).
/// </summary>
public static class WavFile
{
    /// <summary>Prompt files larger than this are refused rather than loaded into memory.</summary>
    public const int MaxDataBytes = 64 * 1024 * 1024;

    private const ushort FormatPcm = 1;
    private const ushort FormatALaw = 6;
    private const ushort FormatMuLaw = 7;

    public static WavAudio Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static WavAudio Read(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.GetBuffer().AsSpan(0, (int)memory.Length));
    }

    public static WavAudio Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("Not a RIFF/WAVE file.");
        }

        WavFormat? format = null;
        var channels = 0;
        var sampleRate = 0;
        var offset = 12;
        while (offset + 8 <= file.Length)
        {
            var id = file.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file[(offset + 4)..]);
            var bodyStart = offset + 8;
            var available = file.Length - bodyStart;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || size > available)
                {
                    throw new WavFormatException("Truncated fmt chunk.");
                }

                var body = file.Slice(bodyStart, (int)size);
                var tag = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                format = (tag, bits) switch
                {
                    (FormatPcm, 16) => WavFormat.Pcm16,
                    (FormatMuLaw, 8) => WavFormat.MuLaw,
                    (FormatALaw, 8) => WavFormat.ALaw,
                    _ => throw new WavFormatException($"Unsupported WAV encoding: format tag {tag}, {bits} bits per sample."),
                };
                if (channels is < 1 or > 2)
                {
                    throw new WavFormatException($"Unsupported channel count {channels}.");
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new WavFormatException("data chunk before fmt chunk.");
                }

                // Streaming writers that crashed leave size 0 or 0xFFFFFFFF; take what is there.
                var length = size == 0 || size > available ? available : (int)size;
                if (length > MaxDataBytes)
                {
                    throw new WavFormatException($"WAV data of {length} bytes exceeds the {MaxDataBytes} byte limit.");
                }

                var frameBytes = channels * (format == WavFormat.Pcm16 ? 2 : 1);
                length -= length % frameBytes;
                return new WavAudio(format.Value, channels, sampleRate, file.Slice(bodyStart, length).ToArray());
            }

            if (size > available)
            {
                throw new WavFormatException($"Chunk '{Encoding.ASCII.GetString(id)}' runs past the end of the file.");
            }

            offset = bodyStart + (int)size + (int)(size & 1); // chunks are padded to even length
        }

        throw new WavFormatException("No data chunk.");
    }

    public static void Write(string path, WavAudio audio)
    {
        using var stream = File.Create(path);
        Write(stream, audio);
    }

    public static void Write(Stream stream, WavAudio audio)
    {
        using var writer = new WavWriter(stream, audio.Format, audio.Channels, audio.SampleRate, leaveOpen: true);
        writer.Write(audio.Data);
    }

    /// <summary>Header bytes for the given layout and data length; non-PCM formats get the extended fmt and a fact chunk.</summary>
    internal static byte[] BuildHeader(WavFormat format, int channels, int sampleRate, uint dataLength)
    {
        var pcm = format == WavFormat.Pcm16;
        var fmtSize = pcm ? 16 : 18;
        var headerSize = 12 + 8 + fmtSize + (pcm ? 0 : 12) + 8;
        var header = new byte[headerSize];
        var span = header.AsSpan();
        var bytesPerSample = pcm ? 2 : 1;

        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)Math.Min(uint.MaxValue, (ulong)headerSize - 8 + dataLength));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], (uint)fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], format switch { WavFormat.Pcm16 => FormatPcm, WavFormat.MuLaw => FormatMuLaw, _ => FormatALaw });
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(sampleRate * channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)(8 * bytesPerSample));
        var offset = 36;
        if (!pcm)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[36..], 0); // cbSize
            "fact"u8.CopyTo(span[38..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[42..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(span[46..], dataLength / (uint)channels);
            offset = 50;
        }

        "data"u8.CopyTo(span[offset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], dataLength);
        return header;
    }
}
