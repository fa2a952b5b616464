namespace CallRouter.Escalation.Ports;

/// <summary>
/// Stands in until the gateway can place calls: every call fails, so the contact stays pending
/// and its 15-minute window lapses into the on-call chain — an in-hours escalation still reaches
/// someone, by pager, instead of waiting for a call that will never be placed.
/// </summary>
public sealed class UnavailablePhoneChannel : IManufacturerPhoneChannel
{
    public Task<string> PlaceCallAsync(PhoneCallRequest request, CancellationToken cancellationToken) =>
        throw new ContactChannelException("phone", "no gateway is configured to place the call to Mfr TS");
}
