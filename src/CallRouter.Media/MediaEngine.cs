using CallRouter.Media.Audio;
using CallRouter.Media.Rtp;
using CallRouter.Media.Sdp;

namespace CallRouter.Media;

/// <summary>
/// The gateway's entry point to media: one per process. Owns the RTP port range, the prompt set
/// and the clock, and creates a <see cref="MediaSession"/> per call leg.
/// </summary>
public sealed class MediaEngine
{
    private readonly RtpPortAllocator _ports;

    public MediaEngine(MediaEngineOptions options, TimeProvider time, PromptLibrary? prompts = null)
    {
        Options = options;
        Time = time;
        _ports = new RtpPortAllocator(options.PortRangeStart, options.PortRangeEnd);
        Prompts = prompts ?? (options.PromptDirectory is { } directory ? PromptLibrary.LoadWithOverrides(directory) : PromptLibrary.LoadEmbedded());
        Capabilities = new MediaCapabilities(options.AdvertisedAddress ?? options.BindAddress)
        {
            Codecs = options.Codecs,
            TelephoneEventPayloadType = options.TelephoneEventPayloadType,
            PacketTimeMs = options.PacketTimeMs,
        };
    }

    public MediaEngineOptions Options { get; }

    public TimeProvider Time { get; }

    public PromptLibrary Prompts { get; }

    public MediaCapabilities Capabilities { get; }

    /// <summary>Number of RTP port pairs currently held by live sessions.</summary>
    public int PortsInUse => _ports.InUse;

    /// <summary>Creates a session listening on a fresh even UDP port pair of the configured range.</summary>
    public MediaSession CreateSession(RtpSessionOptions? rtpOptions = null)
    {
        var (rtp, rtcp) = UdpRtpTransport.BindPair(_ports, Options.BindAddress);
        return new MediaSession(this, rtp, rtcp, rtpOptions);
    }

    /// <summary>Creates a session over caller-supplied transports (tests, or media relayed through another socket layer).</summary>
    public MediaSession CreateSession(IRtpTransport rtp, IRtpTransport? rtcp, RtpSessionOptions? rtpOptions = null) =>
        new(this, rtp, rtcp, rtpOptions);
}
