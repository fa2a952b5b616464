using CallRouter.Sip.Message;

namespace CallRouter.Sip.UserAgent;

/// <summary>One contact bound to an address-of-record (RFC 3261 §10.3).</summary>
public sealed record RegistrarBinding(string AddressOfRecord, SipUri Contact, DateTimeOffset ExpiresAt, string CallId, uint CSeq);
