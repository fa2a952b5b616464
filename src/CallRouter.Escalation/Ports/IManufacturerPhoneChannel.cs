namespace CallRouter.Escalation.Ports;

/// <summary>
/// The in-hours path: the gateway places a SIP call to the configured Mfr TS destination. The
/// engineer's acknowledgment (DTMF or API) comes back through
/// <see cref="EscalationService.RecordResponseAsync"/>.
/// </summary>
public interface IManufacturerPhoneChannel
{
    /// <summary>Places the call; returns the gateway's call reference.</summary>
    /// <exception cref="ContactChannelException">The call could not be placed.</exception>
    Task<string> PlaceCallAsync(PhoneCallRequest request, CancellationToken cancellationToken);
}
