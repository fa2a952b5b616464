using CallRouter.Media;
using CallRouter.Sip.UserAgent;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>Dials Mfr TS with the gateway's own SIP stack (UAC) and a media leg from its media engine.</summary>
public sealed class SipManufacturerDialer(SipStack sip, MediaEngine media) : IManufacturerDialer
{
    public IManufacturerCallLeg Dial(ManufacturerDestination destination, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        SipManufacturerCallLeg.Start(sip, media, destination, headers);
}
