using CallRouter.Media.Audio;
using CallRouter.Media.Rtp;
using CallRouter.Media.Rtp.Linux;
using CallRouter.Media.Sdp;

namespace CallRouter.Media;

/// <summary>
/// The gateway's entry point to media: one per process. Owns the RTP port range, the prompt set
/// and the clock, and creates a <see cref="MediaSession"/> per call leg.
/// </summary>
public sealed class MediaEngine
{
    private readonly RtpPortAllocator _ports;
    private readonly EpollReceiverGroup? _receivers;

    public MediaEngine(MediaEngineOptions options, TimeProvider time, PromptLibrary? prompts = null)
    {
        Options = options;
        Time = time;
        _ports = new RtpPortAllocator(options.PortRangeStart, options.PortRangeEnd);
        SocketMode = options.RtpSocketMode switch
        {
            RtpSocketMode.Auto => LinuxSockets.IsSupported ? RtpSocketMode.Epoll : RtpSocketMode.Async,
            RtpSocketMode.Epoll when !LinuxSockets.IsSupported => throw new PlatformNotSupportedException("The epoll RTP path needs Linux on x64 or arm64; use RtpSocketMode.Async."),
            var mode => mode,
        };
        if (SocketMode == RtpSocketMode.Epoll)
        {
            _receivers = EpollReceiverGroup.ForThreadCount(options.RtpReceiveThreads);
        }

        // One shared clock paces every prompt and hold-music stream: a dedicated thread per shard on the
        // system clock (process-wide), a timer of the given clock otherwise (tests).
        Playback = ReferenceEquals(time, TimeProvider.System)
            ? PlaybackClock.ForSystemTime(options.PlaybackThreads)
            : new PlaybackClock(time);
        Prompts = prompts ?? (options.PromptDirectory is { } directory ? PromptLibrary.LoadWithOverrides(directory) : PromptLibrary.LoadEmbedded());
        Capabilities = new MediaCapabilities(options.AdvertisedAddress ?? options.BindAddress)
        {
            Codecs = options.Codecs,
            TelephoneEventPayloadType = options.TelephoneEventPayloadType,
            PacketTimeMs = options.PacketTimeMs,
        };
    }

    public MediaEngineOptions Options { get; }

    /// <summary>The socket path in use: <see cref="MediaEngineOptions.RtpSocketMode"/> with Auto resolved.</summary>
    public RtpSocketMode SocketMode { get; }

    public TimeProvider Time { get; }

    public PromptLibrary Prompts { get; }

    /// <summary>The pacing clock every playback of this engine's sessions runs on.</summary>
    public PlaybackClock Playback { get; }

    public MediaCapabilities Capabilities { get; }

    /// <summary>Number of RTP port pairs currently held by live sessions.</summary>
    public int PortsInUse => _ports.InUse;

    /// <summary>Creates a session listening on a fresh even UDP port pair of the configured range.</summary>
    public MediaSession CreateSession(RtpSessionOptions? rtpOptions = null)
    {
        if (_receivers is not null)
        {
            var (rtp, rtcp) = EpollRtpTransport.BindPair(_ports, Options.BindAddress, _receivers, Options.DatagramsPerWakeup);
            return new MediaSession(this, rtp, rtcp, rtpOptions);
        }

        var (asyncRtp, asyncRtcp) = UdpRtpTransport.BindPair(_ports, Options.BindAddress);
        return new MediaSession(this, asyncRtp, asyncRtcp, rtpOptions);
    }

    /// <summary>Creates a session over caller-supplied transports (tests, or media relayed through another socket layer).</summary>
    public MediaSession CreateSession(IRtpTransport rtp, IRtpTransport? rtcp, RtpSessionOptions? rtpOptions = null) =>
        new(this, rtp, rtcp, rtpOptions);
}
