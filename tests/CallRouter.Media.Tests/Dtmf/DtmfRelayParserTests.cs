using CallRouter.Media.Dtmf;

namespace CallRouter.Media.Tests.Dtmf;

public class DtmfRelayParserTests
{
    [Theory]
    [InlineData("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", '5', 160)]
    [InlineData("application/dtmf-relay", "signal = #\nduration = 100", '#', 100)]
    [InlineData("Application/DTMF-Relay; charset=utf-8", "Signal=*\r\n", '*', 250)]
    [InlineData("application/dtmf-relay", "Signal=11\r\nDuration=200\r\n", '#', 200)]
    [InlineData("application/dtmf-relay", "Signal=d\r\nDuration=abc\r\n", 'D', 250)]
    [InlineData("application/dtmf", "7", '7', 250)]
    [InlineData("application/dtmf", "10\r\n", '*', 250)]
    public void TryParse_ValidBody_ReturnsDigitAndDuration(string contentType, string body, char digit, int durationMs)
    {
        Assert.True(DtmfRelayParser.TryParse(contentType, body, out var parsed, out var duration));
        Assert.Equal(digit, parsed);
        Assert.Equal(TimeSpan.FromMilliseconds(durationMs), duration);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160\r\n")]
    [InlineData("application/dtmf-relay", "Signal=X\r\n")]
    [InlineData("application/dtmf-relay", "Signal=16\r\n")]
    [InlineData("application/dtmf-relay", "Signal=1\r\nSignal=2\r\n")]
    [InlineData("application/dtmf-relay", "")]
    [InlineData("text/plain", "Signal=5\r\n")]
    [InlineData(null, "Signal=5\r\n")]
    [InlineData("application/dtmf", "12#")]
    public void TryParse_InvalidBody_ReturnsFalse(string? contentType, string body)
    {
        Assert.False(DtmfRelayParser.TryParse(contentType, body, out _, out _));
    }
}
