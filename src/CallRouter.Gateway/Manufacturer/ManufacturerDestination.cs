using CallRouter.Sip.Message;
using CallRouter.Sip.Transport;

namespace CallRouter.Gateway.Manufacturer;

/// <summary>A configured Mfr TS destination: the escalation's number, the SIP URI it maps to and the next hop.</summary>
public sealed record ManufacturerDestination(string Number, SipUri Target, SipEndPoint EndPoint);
