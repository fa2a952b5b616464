namespace CallRouter.Media.Dtmf;

/// <summary>One packet of an outgoing telephone-event sequence, sent <see cref="Offset"/> after the press starts.</summary>
public readonly record struct TelephoneEventPacket(TimeSpan Offset, uint Timestamp, bool Marker, TelephoneEvent Event);
