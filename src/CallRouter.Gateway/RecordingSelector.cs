namespace CallRouter.Gateway;

/// <summary>
/// Picks the bridged calls to record (SPEC R13) by an even spread rather than chance: with a share of 0.1
/// exactly one call in every ten is recorded, so the share holds for small samples and tests are repeatable.
/// </summary>
public sealed class RecordingSelector
{
    private readonly double _share;
    private long _calls;

    public RecordingSelector(double share) => _share = Math.Clamp(share, 0, 1);

    public bool Next()
    {
        long n = Interlocked.Increment(ref _calls);
        return Math.Floor(n * _share) > Math.Floor((n - 1) * _share);
    }
}
