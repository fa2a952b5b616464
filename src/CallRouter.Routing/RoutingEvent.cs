namespace CallRouter.Routing;

/// <summary>
/// One routing outcome, passed by reference to <see cref="IRoutingEventSink"/> so that emitting it allocates
/// nothing. Which fields are meaningful depends on <see cref="Kind"/> (see <see cref="RoutingEventKind"/>).
/// </summary>
public readonly record struct RoutingEvent
{
    /// <summary>What happened.</summary>
    public RoutingEventKind Kind { get; init; }

    /// <summary>When it happened (engine time).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The call concerned, if any.</summary>
    public string? CallId { get; init; }

    /// <summary>The agent concerned, if any.</summary>
    public string? AgentId { get; init; }

    /// <summary>Model of the call concerned.</summary>
    public MachineModel Model { get; init; }

    /// <summary>Severity of the call concerned (1–4), 0 when no call.</summary>
    public int Severity { get; init; }

    /// <summary>Level of the call concerned.</summary>
    public AgentLevel Level { get; init; }

    /// <summary>1-based position for CallQueued / CallRequeued.</summary>
    public int Position { get; init; }

    /// <summary>Expected wait for CallQueued / CallRequeued.</summary>
    public TimeSpan ExpectedWait { get; init; }

    /// <summary>
    /// Time waited in the call's current queue (CallAccepted, CallAbandoned), talk time (CallEnded), or talk time with
    /// the agent who transferred it (CallTransferred).
    /// </summary>
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// CallAccepted, CallAbandoned: time waited in every queue since the call arrived (the L1 wait plus the L2 wait of a
    /// transferred call; equal to <see cref="Duration"/> otherwise). Talk time is not waiting and is left out.
    /// </summary>
    public TimeSpan TotalWait { get; init; }

    /// <summary>Offer expiry for CallOffered.</summary>
    public DateTimeOffset Deadline { get; init; }

    /// <summary>Overflow step reached (CallOverflowed) or in force when offered (CallOffered).</summary>
    public int OverflowStep { get; init; }

    /// <summary>Why a call was requeued.</summary>
    public RequeueReason RequeueReason { get; init; }

    /// <summary>New agent state for AgentStateChanged.</summary>
    public AgentState AgentState { get; init; }

    /// <summary>Not-ready reason for AgentStateChanged to <see cref="Routing.AgentState.NotReady"/>.</summary>
    public string? Reason { get; init; }
}
