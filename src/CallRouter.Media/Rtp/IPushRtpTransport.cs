using System.Net;

namespace CallRouter.Media.Rtp;

/// <summary>Receives one datagram; the span is only valid during the call.</summary>
internal delegate void DatagramHandler(ReadOnlySpan<byte> datagram, IPEndPoint source);

/// <summary>
/// A transport that delivers datagrams itself, from a shared receive thread, instead of being
/// awaited per packet (<see cref="Linux.EpollRtpTransport"/>). <see cref="RtpSession"/> uses
/// <see cref="StartReceiving"/> instead of a receive loop when its transport offers it.
/// </summary>
internal interface IPushRtpTransport : IRtpTransport
{
    /// <summary>
    /// Starts delivering datagrams to <paramref name="handler"/>, one at a time, never concurrently.
    /// The task completes once the transport is disposed and no delivery is running or will run.
    /// </summary>
    Task StartReceiving(DatagramHandler handler);
}
