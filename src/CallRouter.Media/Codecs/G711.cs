namespace CallRouter.Media.Codecs;

/// <summary>
/// ITU-T G.711 µ-law and A-law companding, table driven. Decoding is a 256-entry lookup;
/// encoding is a 64 Ki-entry lookup indexed by the 16-bit sample, so the per-sample cost on
/// the media path is one load and no branches. Tables are built once from the segment
/// definitions in the standard.
/// </summary>
public static class G711
{
    // µ-law works on a 14-bit magnitude with a bias of 33 (132 once scaled to 16 bits) so
    // every segment boundary falls on a power of two.
    private const int MuLawBias = 0x84;
    private const int MuLawClip = 32635;

    private static readonly short[] s_muLawToLinear = BuildMuLawDecodeTable();
    private static readonly short[] s_aLawToLinear = BuildALawDecodeTable();
    private static readonly byte[] s_linearToMuLaw = BuildEncodeTable(EncodeMuLawSlow);
    private static readonly byte[] s_linearToALaw = BuildEncodeTable(EncodeALawSlow);
    private static readonly byte[] s_muLawToALaw = BuildTranscodeTable(s_muLawToLinear, s_linearToALaw);
    private static readonly byte[] s_aLawToMuLaw = BuildTranscodeTable(s_aLawToLinear, s_linearToMuLaw);

    /// <summary>Silence in µ-law (positive zero).</summary>
    public const byte MuLawSilence = 0xFF;

    /// <summary>Silence in A-law (smallest positive level, even bits inverted).</summary>
    public const byte ALawSilence = 0xD5;

    public static short DecodeMuLaw(byte code) => s_muLawToLinear[code];

    public static short DecodeALaw(byte code) => s_aLawToLinear[code];

    public static byte EncodeMuLaw(short sample) => s_linearToMuLaw[(ushort)sample];

    public static byte EncodeALaw(short sample) => s_linearToALaw[(ushort)sample];

    public static byte MuLawToALaw(byte code) => s_muLawToALaw[code];

    public static byte ALawToMuLaw(byte code) => s_aLawToMuLaw[code];

    public static short Decode(G711Law law, byte code) =>
        law == G711Law.MuLaw ? s_muLawToLinear[code] : s_aLawToLinear[code];

    public static byte Encode(G711Law law, short sample) =>
        law == G711Law.MuLaw ? s_linearToMuLaw[(ushort)sample] : s_linearToALaw[(ushort)sample];

    public static byte Silence(G711Law law) => law == G711Law.MuLaw ? MuLawSilence : ALawSilence;

    /// <summary>Decodes <paramref name="source"/> into <paramref name="destination"/> (same length or longer).</summary>
    public static void Decode(G711Law law, ReadOnlySpan<byte> source, Span<short> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        var table = law == G711Law.MuLaw ? s_muLawToLinear : s_aLawToLinear;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    /// <summary>Encodes <paramref name="source"/> into <paramref name="destination"/> (same length or longer).</summary>
    public static void Encode(G711Law law, ReadOnlySpan<short> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        var table = law == G711Law.MuLaw ? s_linearToMuLaw : s_linearToALaw;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[(ushort)source[i]];
        }
    }

    /// <summary>
    /// Converts G.711 payload from one law to the other without going through 16-bit PCM
    /// buffers; used by the bridge when the two legs negotiated different codecs. When the
    /// laws are equal the bytes are copied unchanged.
    /// </summary>
    public static void Transcode(G711Law from, G711Law to, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        if (from == to)
        {
            source.CopyTo(destination);
            return;
        }

        var table = from == G711Law.MuLaw ? s_muLawToALaw : s_aLawToMuLaw;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    private static short[] BuildMuLawDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            // Codes are transmitted with all bits inverted.
            var code = ~i & 0xFF;
            var exponent = (code >> 4) & 0x07;
            var mantissa = code & 0x0F;
            var magnitude = (((mantissa << 3) + MuLawBias) << exponent) - MuLawBias;
            table[i] = (short)((code & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }

    private static short[] BuildALawDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            // Even bits are inverted on the line (XOR 0x55); the sign bit set means positive.
            var code = i ^ 0x55;
            var exponent = (code >> 4) & 0x07;
            var mantissa = code & 0x0F;
            var magnitude = exponent == 0
                ? (mantissa << 4) + 8
                : ((mantissa << 4) + 0x108) << (exponent - 1);
            table[i] = (short)((code & 0x80) != 0 ? magnitude : -magnitude);
        }

        return table;
    }

    private static byte EncodeMuLawSlow(int sample)
    {
        var sign = sample < 0 ? 0x80 : 0x00;
        var magnitude = Math.Min(Math.Abs(sample), MuLawClip) + MuLawBias;

        // The exponent is the position of the highest set bit above bit 7 of the biased value.
        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    private static byte EncodeALawSlow(int sample)
    {
        var sign = sample >= 0 ? 0x80 : 0x00;
        var magnitude = Math.Min(Math.Abs(sample), short.MaxValue) >> 3; // 13-bit magnitude, 12 bits of which are value

        int exponent;
        int mantissa;
        if (magnitude < 32)
        {
            exponent = 0;
            mantissa = magnitude >> 1;
        }
        else
        {
            exponent = 1;
            while (magnitude >= (64 << (exponent - 1)) && exponent < 7)
            {
                exponent++;
            }

            mantissa = (magnitude >> exponent) & 0x0F;
        }

        return (byte)((sign | (exponent << 4) | mantissa) ^ 0x55);
    }

    private static byte[] BuildEncodeTable(Func<int, byte> encode)
    {
        var table = new byte[65536];
        for (var i = 0; i < 65536; i++)
        {
            table[i] = encode((short)i);
        }

        return table;
    }

    private static byte[] BuildTranscodeTable(short[] decode, byte[] encode)
    {
        var table = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = encode[(ushort)decode[i]];
        }

        return table;
    }
}
