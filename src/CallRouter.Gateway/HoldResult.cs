namespace CallRouter.Gateway;

/// <summary>Why the caller left hold; for Connect, the agent and the contact the console gave (may be empty).</summary>
public sealed record HoldResult(HoldOutcome Outcome, TimeSpan Waited, string AgentId = "", string AgentContact = "", string Reason = "");
