namespace CallRouter.Routing;

/// <summary>
/// One waiting call's announcement figures, as <see cref="RoutingEngine.CopyWaitingCalls"/> takes them for every waiting
/// call at once. Position and expected wait are exactly what <see cref="RoutingEngine.GetCall"/> reports.
/// </summary>
/// <param name="CallId">The call id.</param>
/// <param name="Model">Machine model.</param>
/// <param name="Severity">Severity 1–4.</param>
/// <param name="Level">Level of the queue it waits in.</param>
/// <param name="Position">1-based position among the waiting calls of its model and level.</param>
/// <param name="ExpectedWait">Expected remaining wait.</param>
public readonly record struct WaitingCall(
    string CallId,
    MachineModel Model,
    int Severity,
    AgentLevel Level,
    int Position,
    TimeSpan ExpectedWait);
