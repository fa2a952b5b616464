using CallRouter.Cases.Domain;
using CsCheck;

namespace CallRouter.Cases.Tests.Domain;

public sealed class ProblemNumberTests
{
    [Theory]
    [InlineData("572", 4)] // the worked example from Damm's algorithm description
    [InlineData("5724", 0)]
    public void DammCheckDigit_KnownValue_MatchesPublishedExample(string digits, int expected)
    {
        Assert.Equal(expected, DammCheckDigit.Compute(digits));
    }

    [Fact]
    public void FromSequence_AnySequence_RoundTripsThroughItsSpokenForm()
    {
        Gen.Long[ProblemNumber.FirstSequence, ProblemNumber.LastSequence].Sample(sequence =>
        {
            var number = ProblemNumber.FromSequence(sequence);
            Assert.True(ProblemNumber.TryParse(number.ToString(), out var parsed));
            Assert.Equal(number, parsed);
            Assert.Equal(sequence, parsed.Value.Sequence);
        });
    }

    [Fact]
    public void TryParse_AnySingleDigitMistyped_Rejected()
    {
        Gen.Select(Gen.Long[ProblemNumber.FirstSequence, ProblemNumber.LastSequence], Gen.Int[0, 7], Gen.Int[1, 9]).Sample((sequence, position, delta) =>
        {
            var digits = ProblemNumber.FromSequence(sequence).Digits.ToCharArray();
            digits[position] = (char)('0' + ((digits[position] - '0' + delta) % 10));
            Assert.False(ProblemNumber.TryParse(new string(digits), out _));
        });
    }

    [Fact]
    public void TryParse_AnyAdjacentDigitsSwapped_Rejected()
    {
        Gen.Select(Gen.Long[ProblemNumber.FirstSequence, ProblemNumber.LastSequence], Gen.Int[0, 6]).Sample((sequence, position) =>
        {
            var digits = ProblemNumber.FromSequence(sequence).Digits.ToCharArray();
            if (digits[position] == digits[position + 1])
            {
                return; // swapping equal digits is no mistake
            }

            (digits[position], digits[position + 1]) = (digits[position + 1], digits[position]);
            Assert.False(ProblemNumber.TryParse(new string(digits), out _));
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("123456789")]
    [InlineData("1234-567a")]
    [InlineData("0000-0000")]
    public void Parse_Malformed_InvalidArgumentNamingTheInput(string text)
    {
        var ex = Assert.Throws<CaseException>(() => ProblemNumber.Parse(text));

        Assert.Equal(CaseErrorCode.InvalidArgument, ex.Code);
    }

    [Fact]
    public void TryParse_SpacesAndHyphens_AreIgnored()
    {
        var number = ProblemNumber.FromSequence(1_234_567);

        Assert.True(ProblemNumber.TryParse(" " + number.Digits[..4] + " " + number.Digits[4..] + " ", out var parsed));
        Assert.Equal(number, parsed);
    }

    [Fact]
    public void FromSequence_OutsideSevenDigits_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProblemNumber.FromSequence(999_999));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProblemNumber.FromSequence(10_000_000));
    }
}
