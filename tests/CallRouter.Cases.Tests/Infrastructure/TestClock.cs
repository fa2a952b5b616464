using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Cases.Tests.Infrastructure;

internal static class TestClock
{
    /// <summary>Monday 2 March 2026, 14:00 UTC: an ordinary weekday afternoon to start stories from.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Create(DateTimeOffset? at = null) => new(at ?? Start);

    public static TimeZoneInfo NewYork => TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
}
