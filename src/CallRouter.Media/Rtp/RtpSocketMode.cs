namespace CallRouter.Media.Rtp;

/// <summary>How the engine's RTP/RTCP sockets are read (<see cref="MediaEngineOptions.RtpSocketMode"/>).</summary>
public enum RtpSocketMode
{
    /// <summary><see cref="Epoll"/> where it is supported (Linux on x64 or arm64), otherwise <see cref="Async"/>.</summary>
    Auto,

    /// <summary>
    /// Portable: one awaited <c>ReceiveFromAsync</c> per socket and packet; .NET's socket engine
    /// completes each on a thread-pool thread.
    /// </summary>
    Async,

    /// <summary>
    /// Linux: <see cref="MediaEngineOptions.RtpReceiveThreads"/> dedicated threads wait on epoll sets
    /// over all sockets, read with non-blocking recvfrom and relay synchronously on that thread.
    /// Handlers (digit events, recorder writes) then run on a thread shared by many calls, so they
    /// must not block.
    /// </summary>
    Epoll,
}
