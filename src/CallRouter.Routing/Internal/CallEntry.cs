namespace CallRouter.Routing.Internal;

/// <summary>
/// A call known to the engine. Pooled and reused (see <see cref="RoutingEngine"/>), and doubly linked into its
/// queue while waiting so that abandoning from the middle of a queue is O(1).
/// </summary>
internal sealed class CallEntry
{
    public string CallId { get; set; } = string.Empty;

    public MachineModel Model { get; set; }

    public int Severity { get; set; }

    public AgentLevel Level { get; set; }

    public CallQueue Queue { get; set; } = null!;

    /// <summary>Enqueue sequence number: the final tie-break of the total order.</summary>
    public long Sequence { get; set; }

    /// <summary>
    /// When the call entered its current queue; a requeued call keeps it, so its ageing is not lost. A transfer to
    /// L2 is a new queue entry (see docs/routing.md, "Transfer to L2").
    /// </summary>
    public long EnqueuedTicks { get; set; }

    /// <summary>When the call first arrived (entered its first queue); kept across requeues and transfers.</summary>
    public long ArrivedTicks { get; set; }

    /// <summary>Time spent waiting in earlier queues (the L1 wait of a call transferred to L2); 0 otherwise.</summary>
    public long EarlierWaitTicks { get; set; }

    /// <summary>An agent transferred the call to L2 after answering it: it is one call that is waiting again.</summary>
    public bool Transferred { get; set; }

    /// <summary>Time-independent priority key (higher goes first); see docs/routing.md.</summary>
    public double Key { get; set; }

    public CallState State { get; set; }

    public AgentEntry? Agent { get; set; }

    public long AcceptedTicks { get; set; }

    /// <summary>
    /// Already in today's answered count: a call whose agent leg failed and that another agent answers is still
    /// one answered call.
    /// </summary>
    public bool CountedAnswered { get; set; }

    /// <summary>Highest overflow step already announced with a CallOverflowed event.</summary>
    public int AnnouncedStep { get; set; }

    public CallEntry? Previous { get; set; }

    public CallEntry? Next { get; set; }

    public bool IsLinked { get; set; }

    /// <summary>The total order of waiting calls: higher key first, then earlier sequence.</summary>
    public bool IsAheadOf(CallEntry other) =>
        Key > other.Key || (Key == other.Key && Sequence < other.Sequence);

    public void Clear()
    {
        CallId = string.Empty;
        Queue = null!;
        Agent = null;
        Previous = null;
        Next = null;
        IsLinked = false;
        AnnouncedStep = 0;
        AcceptedTicks = 0;
        CountedAnswered = false;
        EarlierWaitTicks = 0;
        Transferred = false;
        State = CallState.Queued;
    }
}
