namespace CallRouter.Escalation.Ports;

/// <summary>An in-hours call to Mfr TS: the destination, and the case context the gateway announces or attaches.</summary>
public sealed record PhoneCallRequest(string EscalationId, string ProblemNumber, string Destination, string Message);
