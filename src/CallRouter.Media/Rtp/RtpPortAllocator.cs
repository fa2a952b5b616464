namespace CallRouter.Media.Rtp;

/// <summary>
/// Hands out even RTP ports (RTCP on the odd port above, RFC 3550 §11) from a configured range,
/// round-robin so a port just released is not reused at once (late packets of the old call
/// would otherwise land in the new one). Thread-safe.
/// </summary>
public sealed class RtpPortAllocator
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _inUse = [];
    private readonly int _first;
    private readonly int _last;
    private int _cursor;

    /// <param name="first">Lowest port of the range; rounded up to even.</param>
    /// <param name="last">Highest port of the range; the last usable RTP port is the highest even port with its RTCP port inside.</param>
    public RtpPortAllocator(int first, int last)
    {
        _first = first + (first & 1);
        _last = (last & 1) == 1 ? last - 1 : last - 2;
        if (_first < 1024 || last > 65535 || _last < _first)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"RTP port range {first}-{last} must lie within 1024-65535 and hold at least one even/odd pair.");
        }

        _cursor = _first;
    }

    /// <summary>Number of RTP/RTCP pairs in the range.</summary>
    public int Capacity => ((_last - _first) / 2) + 1;

    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _inUse.Count;
            }
        }
    }

    /// <summary>Reserves the next free even port, or returns false when the range is exhausted.</summary>
    public bool TryAllocate(out int port)
    {
        lock (_lock)
        {
            for (var tried = 0; tried < Capacity; tried++)
            {
                var candidate = _cursor;
                _cursor = _cursor >= _last ? _first : _cursor + 2;
                if (_inUse.Add(candidate))
                {
                    port = candidate;
                    return true;
                }
            }
        }

        port = 0;
        return false;
    }

    public void Release(int port)
    {
        lock (_lock)
        {
            _inUse.Remove(port);
        }
    }
}
