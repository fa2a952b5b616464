using System.Net;
using CallRouter.Media.Codecs;
using CallRouter.Media.Rtp;

namespace CallRouter.Media;

/// <summary>Process-wide media settings (bound from configuration by the gateway host).</summary>
public sealed record MediaEngineOptions
{
    /// <summary>Address RTP sockets bind to.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Address written into SDP; defaults to <see cref="BindAddress"/> (set it when binding 0.0.0.0).</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>First port of the RTP range; RTP uses even ports, RTCP the odd port above.</summary>
    public int PortRangeStart { get; init; } = 20000;

    public int PortRangeEnd { get; init; } = 29999;

    /// <summary>Codec preference for offers and answers.</summary>
    public IReadOnlyList<G711Law> Codecs { get; init; } = [G711Law.MuLaw, G711Law.ALaw];

    public int TelephoneEventPayloadType { get; init; } = 101;

    public int PacketTimeMs { get; init; } = 20;

    /// <summary>Directory whose WAV files override the shipped prompts by name; null for the shipped set only.</summary>
    public string? PromptDirectory { get; init; }

    /// <summary>How RTP sockets are read; <see cref="RtpSocketMode.Auto"/> picks the epoll path on Linux.</summary>
    public RtpSocketMode RtpSocketMode { get; init; } = RtpSocketMode.Auto;

    /// <summary>
    /// Receive threads of the epoll path (shared by every engine of the process asking for the same
    /// number). Default: one per core, at most 4 — with the cores to itself one thread carried 1,000
    /// calls as well as two, but next to the rest of the server (and other tenants) more threads get
    /// a fairer share of the CPU, and one thread is a whole core's work at about 1,500 calls.
    /// </summary>
    public int RtpReceiveThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>
    /// Threads of the shared playback clock that paces prompts and hold music (on the system clock).
    /// Default: one per core, at most 4 — at 200 new calls/s some 4,000 callers hear prompts at once,
    /// 200,000 frames a second, and each send is a system call.
    /// </summary>
    public int PlaybackThreads { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Datagrams the epoll path reads from one socket per wake-up before serving the next (fairness).</summary>
    internal int DatagramsPerWakeup { get; init; } = 16;
}
