using CallRouter.Media.Codecs;

namespace CallRouter.Media.Tests.Codecs;

/// <summary>
/// Golden vectors for all 256 codes of both laws. The expected values are derived here from
/// the G.711 segment tables (sign, 3-bit segment, 4-bit step; reconstruction at the middle of
/// each quantisation interval), written differently from the product code on purpose.
/// </summary>
public class G711Tests
{
    // µ-law: segment s covers 14-bit biased magnitudes [(16+q)*2^(s+1), (17+q)*2^(s+1)) with
    // bias 33; the decoder returns the interval midpoint, scaled by 4 to 16-bit linear.
    private static int ExpectedMuLaw(int code)
    {
        var bits = 0xFF - code;            // line bits are the complement of the sign/segment/step word
        var negative = bits >= 128;
        var segment = (bits % 128) / 16;
        var step = bits % 16;
        var midpoint14 = (2 * step + 33) * (1 << segment) - 33;
        var linear = midpoint14 * 4;
        return negative ? -linear : linear;
    }

    // A-law: 13-bit magnitudes; segment 0 has 16 steps of 2 from 0, segment s ≥ 1 has 16 steps of
    // 2^s starting at 2^(s+4); reconstruction is the interval midpoint, scaled by 8 to 16-bit.
    private static int ExpectedALaw(int code)
    {
        var bits = code ^ 0b0101_0101;     // even bits inverted on the line
        var positive = bits >= 128;
        var segment = (bits % 128) / 16;
        var step = bits % 16;
        var stepSize = segment == 0 ? 2 : 1 << segment;
        var start = segment == 0 ? 0 : 1 << (segment + 4);
        var midpoint13Doubled = 2 * (start + step * stepSize) + stepSize; // 2 × midpoint keeps it integral
        var linear = midpoint13Doubled * 4;
        return positive ? linear : -linear;
    }

    public static TheoryData<int> AllCodes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 256; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void DecodeMuLaw_EveryCode_MatchesSegmentTable(int code)
    {
        Assert.Equal(ExpectedMuLaw(code), G711.DecodeMuLaw((byte)code));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void DecodeALaw_EveryCode_MatchesSegmentTable(int code)
    {
        Assert.Equal(ExpectedALaw(code), G711.DecodeALaw((byte)code));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void EncodeMuLaw_DecodedValueOfEveryCode_ReturnsSameCode(int code)
    {
        // 0x7F is negative zero; the encoder canonicalises zero to positive 0xFF.
        var expected = code == 0x7F ? 0xFF : code;
        Assert.Equal(expected, G711.EncodeMuLaw((short)ExpectedMuLaw(code)));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void EncodeALaw_DecodedValueOfEveryCode_ReturnsSameCode(int code)
    {
        Assert.Equal(code, G711.EncodeALaw((short)ExpectedALaw(code)));
    }

    [Fact]
    public void EncodeMuLaw_EverySixteenBitSample_PicksCodeWhoseIntervalContainsIt()
    {
        for (var sample = short.MinValue; sample < short.MaxValue; sample++)
        {
            var code = G711.EncodeMuLaw(sample);
            var bits = 0xFF - code;
            var segment = (bits % 128) / 16;
            var step = bits % 16;
            // Biased magnitude interval in 16-bit units, clipped at the top of segment 7.
            var low = (16 + step) << (segment + 3);
            var high = (17 + step) << (segment + 3);
            var biased = Math.Min(Math.Abs((int)sample), 32635) + 132;
            Assert.InRange(biased, low, high - 1);
            Assert.Equal(sample < 0 && ExpectedMuLaw(code) != 0, ExpectedMuLaw(code) < 0);
        }
    }

    [Fact]
    public void EncodeALaw_EverySixteenBitSample_PicksCodeWhoseIntervalContainsIt()
    {
        for (var sample = short.MinValue; sample < short.MaxValue; sample++)
        {
            var code = G711.EncodeALaw(sample);
            var bits = code ^ 0x55;
            var segment = (bits % 128) / 16;
            var step = bits % 16;
            var stepSize = segment == 0 ? 2 : 1 << segment;
            var low = (segment == 0 ? 0 : 1 << (segment + 4)) + step * stepSize;
            var magnitude13 = Math.Min(Math.Abs((int)sample), short.MaxValue) >> 3;
            Assert.InRange(magnitude13, low, low + stepSize - 1);
            Assert.Equal(sample >= 0, bits >= 128);
        }
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void MuLawToALaw_EveryCode_EqualsEncodeOfDecodedValue(int code)
    {
        var expected = G711.EncodeALaw((short)ExpectedMuLaw(code));
        Assert.Equal(expected, G711.MuLawToALaw((byte)code));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void ALawToMuLaw_EveryCode_EqualsEncodeOfDecodedValue(int code)
    {
        var expected = G711.EncodeMuLaw((short)ExpectedALaw(code));
        Assert.Equal(expected, G711.ALawToMuLaw((byte)code));
    }

    [Fact]
    public void Transcode_MuLawFrameToALawAndBack_StaysWithinOneQuantisationStep()
    {
        var linear = new short[160];
        for (var i = 0; i < linear.Length; i++)
        {
            linear[i] = (short)(10000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0));
        }

        var mu = new byte[160];
        var a = new byte[160];
        var back = new byte[160];
        G711.Encode(G711Law.MuLaw, linear, mu);
        G711.Transcode(G711Law.MuLaw, G711Law.ALaw, mu, a);
        G711.Transcode(G711Law.ALaw, G711Law.MuLaw, a, back);

        for (var i = 0; i < linear.Length; i++)
        {
            var original = G711.DecodeMuLaw(mu[i]);
            var roundTrip = G711.DecodeMuLaw(back[i]);
            // At most one step of the coarser of the two laws at this level (≤ 1/16 of the magnitude, +16 near zero).
            Assert.InRange(Math.Abs(original - roundTrip), 0, Math.Abs(original) / 16 + 16);
        }
    }

    [Fact]
    public void Transcode_SameLaw_CopiesBytes()
    {
        byte[] source = [0x00, 0x7F, 0x80, 0xFF, 0x12];
        var destination = new byte[5];
        G711.Transcode(G711Law.ALaw, G711Law.ALaw, source, destination);
        Assert.Equal(source, destination);
    }

    [Fact]
    public void Silence_BothLaws_DecodeToNearZero()
    {
        Assert.Equal(0, G711.Decode(G711Law.MuLaw, G711.Silence(G711Law.MuLaw)));
        Assert.Equal(8, G711.Decode(G711Law.ALaw, G711.Silence(G711Law.ALaw)));
    }
}
