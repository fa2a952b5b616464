using System.Net;
using CallRouter.Media.Rtp;

namespace CallRouter.Media.Tests.Sessions;

/// <summary>
/// Binds real UDP ports on 127.0.0.1 (below the Linux ephemeral range, so other processes'
/// client sockets do not take them) to check the engine's port accounting.
/// </summary>
public class MediaEngineLoopbackTests
{
    [Fact]
    public async Task Loopback_RangeExhausted_NextSessionRefusedUntilOneIsDisposed()
    {
        var engine = new MediaEngine(new MediaEngineOptions { BindAddress = IPAddress.Loopback, PortRangeStart = 27000, PortRangeEnd = 27019 }, TimeProvider.System);
        var sessions = new List<MediaSession>();
        try
        {
            // Ten pairs in the range; a pair some other process holds is skipped, so expect at most ten.
            while (sessions.Count < 11)
            {
                try
                {
                    sessions.Add(engine.CreateSession());
                }
                catch (InvalidOperationException)
                {
                    break;
                }
            }

            Assert.InRange(sessions.Count, 1, 10);
            Assert.All(sessions, s => Assert.True(s.LocalPort is >= 27000 and <= 27018 && s.LocalPort % 2 == 0));
            Assert.Equal(sessions.Count, engine.PortsInUse);
            Assert.Throws<InvalidOperationException>(() => engine.CreateSession());

            await sessions[0].DisposeAsync();
            sessions.RemoveAt(0);
            sessions.Add(engine.CreateSession());

            Assert.Equal(sessions.Count, engine.PortsInUse);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    [Fact]
    public void Constructor_AutoSocketModeOnLinux_ResolvesToTheEpollPath()
    {
        var engine = new MediaEngine(new MediaEngineOptions(), TimeProvider.System);

        Assert.Equal(OperatingSystem.IsLinux() ? RtpSocketMode.Epoll : RtpSocketMode.Async, engine.SocketMode);
    }
}
