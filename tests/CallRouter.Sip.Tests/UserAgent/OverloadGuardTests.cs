using System.Net;
using CallRouter.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace CallRouter.Sip.Tests.UserAgent;

public class OverloadGuardTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryAdmit_BurstAboveRate_RefusesUntilTokensRefill()
    {
        var guard = new OverloadGuard(_time, perSecond: 3);
        var source = IPAddress.Parse("192.0.2.1");

        Assert.True(guard.TryAdmit(source));
        Assert.True(guard.TryAdmit(source));
        Assert.True(guard.TryAdmit(source));
        Assert.False(guard.TryAdmit(source));

        // One third of a second later one token has come back.
        _time.Advance(TimeSpan.FromMilliseconds(334));
        Assert.True(guard.TryAdmit(source));
        Assert.False(guard.TryAdmit(source));
    }

    [Fact]
    public void TryAdmit_DifferentSources_HaveSeparateBuckets()
    {
        var guard = new OverloadGuard(_time, perSecond: 1);

        Assert.True(guard.TryAdmit(IPAddress.Parse("192.0.2.1")));
        Assert.False(guard.TryAdmit(IPAddress.Parse("192.0.2.1")));
        Assert.True(guard.TryAdmit(IPAddress.Parse("192.0.2.2")));
    }

    [Fact]
    public void TryAdmit_LimitDisabled_AdmitsEverything()
    {
        var guard = new OverloadGuard(_time, perSecond: 0);

        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(guard.TryAdmit(IPAddress.Loopback)));
    }
}
