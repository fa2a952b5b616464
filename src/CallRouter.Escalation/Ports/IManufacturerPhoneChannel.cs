namespace CallRouter.Escalation.Ports;

/// <summary>
/// The in-hours path: the gateway places a SIP call to the configured Mfr TS destination. Placing
/// returns at once; the heartbeat never waits while the phone rings. The outcome comes back later:
/// answered through <see cref="EscalationService.ReportCallAnsweredAsync"/>, busy / no answer /
/// failed through <see cref="EscalationService.ReportContactFailedAsync"/> (both naming
/// <see cref="PhoneCallRequest.Token"/>), and the engineer's acknowledgment (DTMF or API) through
/// <see cref="EscalationService.RecordResponseAsync"/>.
/// </summary>
public interface IManufacturerPhoneChannel
{
    /// <summary>Places the call (the INVITE is on its way) and returns the gateway's call reference without waiting for an answer.</summary>
    /// <exception cref="ContactChannelException">The call could not be placed (no such destination, no media port, SIP stack down).</exception>
    Task<string> PlaceCallAsync(PhoneCallRequest request, CancellationToken cancellationToken);
}
