namespace CallRouter.Escalation.Storage;

/// <summary>A stored response timer: it fires once, at <see cref="DueAt"/>, unless cancelled first.</summary>
public sealed record EscalationTimer(long Id, string EscalationId, int ContactIndex, DateTimeOffset DueAt);
