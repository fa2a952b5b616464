namespace CallRouter.Media.Rtp;

/// <summary>Receives each accepted RTP packet; the packet's spans are only valid during the call.</summary>
public delegate void RtpPacketHandler(in RtpPacket packet);
