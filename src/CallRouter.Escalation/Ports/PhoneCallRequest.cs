namespace CallRouter.Escalation.Ports;

/// <summary>An in-hours call to Mfr TS: the destination, and the case context the gateway announces or attaches.</summary>
/// <param name="Token">Names this call when the gateway reports its outcome (see <see cref="Domain.PhoneCallAttempt"/>).</param>
public sealed record PhoneCallRequest(string EscalationId, string ProblemNumber, string Destination, string Message, string Token = "");
