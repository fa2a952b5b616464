namespace CallRouter.Routing;

/// <summary>An inbound call to be queued: only what routing needs; the host keeps the rest of the case context.</summary>
/// <param name="CallId">Unique, non-empty call id chosen by the gateway.</param>
/// <param name="Model">Machine model; must be on the eligible list.</param>
/// <param name="Severity">Severity 1 (most urgent) to 4.</param>
/// <param name="Level">Level the call is queued for; new calls are <see cref="AgentLevel.L1"/>, transfers may ask for L2.</param>
public readonly record struct CallRequest(string? CallId, MachineModel Model, int Severity, AgentLevel Level = AgentLevel.L1);
