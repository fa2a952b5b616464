using CallRouter.Sip.Transport;

namespace CallRouter.Sip.Tests.Transport;

public class LogThrottleTests
{
    [Fact]
    public void ShouldLog_ManyOccurrences_LogsOnlyPowersOfTwo()
    {
        long counter = 0;

        var logged = Enumerable.Range(0, 100).Select(_ => LogThrottle.ShouldLog(ref counter, out long count) ? count : 0).Where(c => c > 0).ToArray();

        Assert.Equal([1L, 2, 4, 8, 16, 32, 64], logged);
    }
}
