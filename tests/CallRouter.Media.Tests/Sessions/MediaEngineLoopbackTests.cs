using System.Net;

namespace CallRouter.Media.Tests.Sessions;

/// <summary>Binds real UDP ports on 127.0.0.1 from a tiny range to check the engine's port accounting.</summary>
public class MediaEngineLoopbackTests
{
    [Fact]
    public async Task Loopback_RangeOfTwoPairs_ThirdSessionRefusedUntilOneIsDisposed()
    {
        var engine = new MediaEngine(new MediaEngineOptions { BindAddress = IPAddress.Loopback, PortRangeStart = 47640, PortRangeEnd = 47643 }, TimeProvider.System);
        var first = engine.CreateSession();
        var second = engine.CreateSession();

        Assert.Equal([47640, 47642], new[] { first.LocalPort, second.LocalPort }.Order());
        Assert.Throws<InvalidOperationException>(() => engine.CreateSession());

        await first.DisposeAsync();
        await using var third = engine.CreateSession();

        Assert.Equal(2, engine.PortsInUse);
        await second.DisposeAsync();
    }
}
