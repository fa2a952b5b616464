namespace CallRouter.Routing;

/// <summary>Point-in-time view of one call, for announcements and supervisors.</summary>
/// <param name="CallId">The call id.</param>
/// <param name="Model">Machine model.</param>
/// <param name="Severity">Severity 1–4.</param>
/// <param name="Level">Level the call is queued for.</param>
/// <param name="State">Queued, offered or connected.</param>
/// <param name="AgentId">Agent the call is offered to or connected with; null while queued.</param>
/// <param name="EnqueuedAt">When the call entered its current queue (requeues keep it; a transfer to L2 is a new entry).</param>
/// <param name="Waited">Time in the current queue since <paramref name="EnqueuedAt"/> (up to acceptance for connected calls).</param>
/// <param name="OverflowStep">Overflow step currently in force for the call.</param>
/// <param name="Position">1-based estimated position while queued; 0 otherwise.</param>
/// <param name="ExpectedWait">Expected remaining wait while queued; zero otherwise.</param>
/// <param name="ArrivedAt">When the call first arrived; the same as <paramref name="EnqueuedAt"/> unless it was transferred to L2.</param>
/// <param name="TotalWaited">Time waited in every queue since arrival: <paramref name="Waited"/> plus the L1 wait of a transferred call (talk time left out).</param>
public sealed record CallSnapshot(
    string CallId,
    MachineModel Model,
    int Severity,
    AgentLevel Level,
    CallState State,
    string? AgentId,
    DateTimeOffset EnqueuedAt,
    TimeSpan Waited,
    int OverflowStep,
    int Position,
    TimeSpan ExpectedWait,
    DateTimeOffset ArrivedAt,
    TimeSpan TotalWaited);
