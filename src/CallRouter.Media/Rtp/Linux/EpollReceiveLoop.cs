using System.Collections.Concurrent;
using System.Net.Sockets;

namespace CallRouter.Media.Rtp.Linux;

/// <summary>
/// One dedicated receive thread waiting on one epoll set over many RTP/RTCP sockets. When a
/// socket is readable the thread reads it and hands each datagram to its session synchronously,
/// so a relayed packet goes out on this same thread: no thread-pool hop, no per-packet
/// allocation. Level-triggered, so a socket left with data (budget used up) is reported again.
/// The thread lives as long as the process (see <see cref="EpollReceiverGroup"/>).
/// </summary>
internal sealed class EpollReceiveLoop
{
    private const int EventsPerWait = 256;
    private const int MaxDatagram = 2048;
    private const int BusyRound = 4;

    private readonly int _epoll;
    private readonly int _batchingDelayMicroseconds;
    private readonly ConcurrentDictionary<ulong, EpollRtpTransport> _registered = new();
    private long _nextToken;

    /// <param name="name">Thread name.</param>
    /// <param name="batchingDelay">
    /// After a busy round (several sockets ready at once) the thread sleeps this long before
    /// waiting again, so the next round finds many packets ready and senders on this host skip
    /// the cost of waking this thread. A packet waits at most this long more; zero (the engine's
    /// setting) turns it off. Used by the load generator's phones, which stand for remote phones
    /// that the gateway's sends would not wake; for the gateway itself it saved no CPU on loopback
    /// and doubled the latency (docs/benchmarks/media.md), so the engine does not offer it.
    /// </param>
    public EpollReceiveLoop(string name, TimeSpan batchingDelay = default)
    {
        _batchingDelayMicroseconds = (int)batchingDelay.TotalMicroseconds;
        _epoll = LinuxSockets.epoll_create1(LinuxSockets.EpollCloexec);
        if (_epoll < 0)
        {
            throw new SocketException(LinuxSockets.Errno);
        }

        new Thread(Run) { IsBackground = true, Name = name }.Start();
    }

    /// <summary>Sockets currently watched by this loop.</summary>
    public int Registered => _registered.Count;

    /// <summary>Starts watching <paramref name="fd"/>; returns the token that identifies it in events.</summary>
    public ulong Register(EpollRtpTransport transport, int fd)
    {
        // Tokens are never reused, so an event still queued for a closed socket whose descriptor
        // number went to a new socket cannot reach the new socket's session.
        var token = (ulong)Interlocked.Increment(ref _nextToken);
        _registered[token] = transport;
        if (LinuxSockets.AddReadable(_epoll, fd, token) != 0)
        {
            var error = LinuxSockets.Errno;
            _registered.TryRemove(token, out _);
            throw new SocketException(error);
        }

        return token;
    }

    /// <summary>Stops watching; call before the descriptor is closed.</summary>
    public void Unregister(ulong token, int fd)
    {
        LinuxSockets.Remove(_epoll, fd);
        _registered.TryRemove(token, out _);
    }

    private void Run()
    {
        var events = new byte[EventsPerWait * LinuxSockets.EpollEventSize];
        var buffer = new byte[MaxDatagram];
        var address = new byte[LinuxSockets.SocketAddressCapacity];
        while (true)
        {
            var count = LinuxSockets.Wait(_epoll, events, EventsPerWait);
            if (count < 0)
            {
                // EINTR (a signal) is routine; anything else would be a bug in the set itself, so back off rather than spin.
                if (LinuxSockets.Errno != LinuxSockets.ErrorInterrupted)
                {
                    Thread.Sleep(10);
                }

                continue;
            }

            for (var i = 0; i < count; i++)
            {
                if (_registered.TryGetValue(LinuxSockets.ReadEpollData(events, i), out var transport))
                {
                    transport.Drain(buffer, address);
                }
            }

            // Light load (one socket at a time) goes straight back to waiting: no added delay there.
            if (_batchingDelayMicroseconds > 0 && count >= BusyRound)
            {
                LinuxSockets.SleepMicroseconds(_batchingDelayMicroseconds);
            }
        }
    }
}
