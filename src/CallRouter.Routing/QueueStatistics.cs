namespace CallRouter.Routing;

/// <summary>Waiting calls of one queue (model × severity × level).</summary>
/// <param name="Model">Machine model.</param>
/// <param name="Severity">Severity 1–4.</param>
/// <param name="Level">Level.</param>
/// <param name="Waiting">Calls waiting (offered calls are not counted).</param>
/// <param name="LongestWait">Wait of the oldest waiting call, zero when empty.</param>
public sealed record QueueStatistics(MachineModel Model, int Severity, AgentLevel Level, int Waiting, TimeSpan LongestWait);
