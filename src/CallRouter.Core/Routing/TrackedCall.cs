using System.Threading.Channels;
using CallRouter.Routing;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <summary>
/// What the host keeps about a call beyond the engine's view: the full context from the
/// gateway and the stream of routing events the gateway reads through WatchCall. Events
/// are buffered from registration on, so none is lost before the gateway starts watching.
/// </summary>
internal sealed class TrackedCall(Proto.CallContext context, MachineModel model, AgentLevel level, DateTimeOffset registeredAt)
{
    // Bounded so a gateway that stops reading cannot grow memory; the oldest (stale
    // position updates) go first.
    private readonly Channel<Proto.RoutingEvent> _events = Channel.CreateBounded<Proto.RoutingEvent>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    // Orders posts made under the routing lock with announcements posted outside it.
    private readonly Lock _postGate = new();
    private long _posted;

    public Proto.CallContext Context { get; } = context;
    public MachineModel Model { get; } = model;
    public AgentLevel Level { get; set; } = level;
    public DateTimeOffset RegisteredAt { get; } = registeredAt;
    public string? AgentId { get; set; }
    public TimeSpan Waited { get; set; }
    public bool Watched { get; set; }

    /// <summary>The case behind the call as intake found it; null when no case service is wired in.</summary>
    public Proto.CaseSummary? CaseSummary { get; init; }

    /// <summary>When the agent accepted, or the gateway reported the softphone's answer.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>
    /// The agent who sent the call to L2, or null: from then on it is one call answered by L1 and waiting for (or
    /// talking with) L2, and its first answer stands (see docs/routing.md, "Transfer to L2").
    /// </summary>
    public string? TransferredBy { get; set; }

    /// <summary>Talk time with the agent who transferred the call (not waiting; counted in the call's talk time).</summary>
    public TimeSpan EarlierTalk { get; set; }

    /// <summary>When the call was sent to the L2 queue: the case's L1 talk ends and its L2 wait starts here.</summary>
    public DateTimeOffset? TransferredAt { get; set; }

    /// <summary>
    /// When L2 answered a transferred call (the L2 agent's acceptance, then the softphone's answer as the
    /// gateway reports it); the case's L2 wait ends and its L2 talk starts here. Null while waiting for L2.
    /// </summary>
    public DateTimeOffset? Level2AnsweredAt { get; set; }

    public ChannelReader<Proto.RoutingEvent> Events => _events.Reader;

    /// <summary>How many events have been posted; a position announcement prepared earlier goes out only if unchanged.</summary>
    public long Posted
    {
        get
        {
            lock (_postGate)
            {
                return _posted;
            }
        }
    }

    public void Post(Proto.RoutingEvent routingEvent)
    {
        lock (_postGate)
        {
            _posted++;
            _events.Writer.TryWrite(routingEvent);
        }
    }

    /// <summary>
    /// Posts <paramref name="announcement"/> only if nothing was posted since <paramref name="posted"/> was read:
    /// an announcement built outside the routing lock must not arrive after a newer event (an offer, a connect), or
    /// the gateway would take a stale "queued" for a transfer.
    /// </summary>
    public bool PostIfNothingSince(long posted, Proto.RoutingEvent announcement)
    {
        lock (_postGate)
        {
            if (_posted != posted)
            {
                return false;
            }

            _posted++;
            return _events.Writer.TryWrite(announcement);
        }
    }

    public void Finish() => _events.Writer.TryComplete();
}
