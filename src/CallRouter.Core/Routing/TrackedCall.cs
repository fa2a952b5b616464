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

    public ChannelReader<Proto.RoutingEvent> Events => _events.Reader;

    public void Post(Proto.RoutingEvent routingEvent) => _events.Writer.TryWrite(routingEvent);

    public void Finish() => _events.Writer.TryComplete();
}
