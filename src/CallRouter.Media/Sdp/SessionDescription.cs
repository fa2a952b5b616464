namespace CallRouter.Media.Sdp;

/// <summary>A parsed SDP session description (RFC 8866). Serialise with <see cref="ToString"/>.</summary>
public sealed class SessionDescription
{
    public SessionDescription(SdpOrigin origin, string sessionName = "-")
    {
        Origin = origin;
        SessionName = sessionName;
    }

    public SdpOrigin Origin { get; set; }

    public string SessionName { get; set; }

    /// <summary>Session-level <c>c=</c>, the default for media sections that have none.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>The <c>t=</c> line; telephony always uses <c>0 0</c> (unbounded).</summary>
    public string Timing { get; set; } = "0 0";

    public List<SdpAttribute> Attributes { get; } = [];

    public List<MediaDescription> Media { get; } = [];

    /// <summary>Lines kept verbatim (i=, u=, e=, p=, b=, r=, z=, k=) so a round trip loses nothing.</summary>
    public List<string> OtherLines { get; } = [];

    public MediaDirection DefaultDirection
    {
        get
        {
            var probe = new MediaDescription("x", 0, "x", []);
            probe.Attributes.AddRange(Attributes);
            return probe.GetDirection(MediaDirection.SendRecv);
        }
    }

    /// <summary>The connection that applies to a media section: its own, else the session's.</summary>
    public SdpConnection? ConnectionFor(MediaDescription media) => media.Connection ?? Connection;

    public override string ToString() => SdpSerializer.Serialize(this);
}
