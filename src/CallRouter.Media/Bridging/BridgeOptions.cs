namespace CallRouter.Media.Bridging;

/// <summary>Policy of a media bridge.</summary>
public sealed record BridgeOptions
{
    public DtmfBridgeMode DtmfMode { get; init; } = DtmfBridgeMode.Pass;

    /// <summary>
    /// A timestamp jump larger than this on the incoming stream (sender restart, long silence
    /// suppression) re-anchors the outgoing timestamps on the target leg's media clock.
    /// </summary>
    public TimeSpan ResyncThreshold { get; init; } = TimeSpan.FromSeconds(5);
}
