namespace CallRouter.Sip.Transport;

/// <summary>
/// Keeps repeated warnings from flooding the log under attack or overload: of N occurrences only the
/// 1st, 2nd, 4th, 8th… are logged, each with the running count.
/// </summary>
internal static class LogThrottle
{
    public static bool ShouldLog(ref long counter, out long count)
    {
        count = Interlocked.Increment(ref counter);
        return (count & (count - 1)) == 0;
    }
}
