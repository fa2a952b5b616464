namespace CallRouter.Escalation.Ports;

/// <summary>A message for the desk or a supervisor about one escalation.</summary>
public sealed record EscalationNotice(string EscalationId, string ProblemNumber, DateTimeOffset At, string Message);
