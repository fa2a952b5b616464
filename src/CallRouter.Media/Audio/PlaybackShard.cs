namespace CallRouter.Media.Audio;

/// <summary>
/// One shard of a <see cref="PlaybackClock"/>: a set of playbacks and the one thing that wakes on the
/// tick grid to send their due frames — a dedicated thread on the system clock, or a one-shot timer of
/// the given <see cref="TimeProvider"/> re-armed for each grid point. Either sleeps while the set is empty.
/// </summary>
internal sealed class PlaybackShard : IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly long _tickTicks;
    private readonly object _gate = new(); // guards everything below; the thread waits on it while idle
    private readonly List<IPacedPlayback> _active = [];
    private readonly ITimer? _timer;
    private IPacedPlayback[] _working = [];
    private bool _timerArmed;
    private bool _disposed;

    /// <param name="threadName">Run on a dedicated thread of this name (system clock only); null for a timer of <paramref name="time"/>.</param>
    public PlaybackShard(TimeProvider time, long origin, TimeSpan tick, string? threadName)
    {
        _time = time;
        _origin = origin;
        _tickTicks = Math.Max(1, (long)(tick.TotalSeconds * time.TimestampFrequency));
        if (threadName is null)
        {
            _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        else
        {
            new Thread(RunThread) { IsBackground = true, Name = threadName }.Start();
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _active.Count;
            }
        }
    }

    public void Add(IPacedPlayback playback)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _active.Add(playback);
            if (_timer is null)
            {
                Monitor.Pulse(_gate); // the thread may be waiting for its first playback
            }
            else if (!_timerArmed)
            {
                _timerArmed = true;
                _timer.Change(UntilNextTick(), Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }

        _timer?.Dispose();
    }

    private void OnTimer()
    {
        SendDueOnAll();
        lock (_gate)
        {
            _timerArmed = !_disposed && _active.Count > 0;
            if (_timerArmed)
            {
                _timer!.Change(UntilNextTick(), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void RunThread()
    {
        while (true)
        {
            lock (_gate)
            {
                while (_active.Count == 0 && !_disposed)
                {
                    Monitor.Wait(_gate);
                }

                if (_disposed)
                {
                    return;
                }
            }

            // Rounded up to whole milliseconds: waking early would leave a frame due at this grid point for the next one.
            Thread.Sleep((int)Math.Ceiling(UntilNextTick().TotalMilliseconds));
            SendDueOnAll();
        }
    }

    private TimeSpan UntilNextTick()
    {
        var now = _time.GetTimestamp();
        var next = _origin + ((((now - _origin) / _tickTicks) + 1) * _tickTicks);
        return TimeSpan.FromSeconds((double)(next - now) / _time.TimestampFrequency);
    }

    private void SendDueOnAll()
    {
        int count;
        lock (_gate)
        {
            count = _active.Count;
            if (_working.Length < count)
            {
                _working = new IPacedPlayback[Math.Max(count, _working.Length * 2)];
            }

            _active.CopyTo(_working);
        }

        // Outside the lock: sends are system calls, and new playbacks must not wait for a whole tick's sending.
        var anyEnded = false;
        for (var i = 0; i < count; i++)
        {
            _working[i].SendDue();
            anyEnded |= _working[i].HasEnded;
        }

        Array.Clear(_working, 0, count); // hold no ended playback (and its session) alive until the next tick
        if (anyEnded)
        {
            lock (_gate)
            {
                _active.RemoveAll(p => p.HasEnded);
            }
        }
    }
}
