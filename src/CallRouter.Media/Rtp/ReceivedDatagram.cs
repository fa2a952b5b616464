using System.Net;

namespace CallRouter.Media.Rtp;

/// <summary>Length and real source address of a received datagram.</summary>
public readonly record struct ReceivedDatagram(int Length, IPEndPoint Source);
