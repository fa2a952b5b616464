using System.Threading.Channels;
using Proto = CallRouter.Contracts.V1;

namespace CallRouter.Core.Routing;

/// <summary>One agent console connection: where its events go and how to reach its softphone.</summary>
public sealed class AgentSession(string agentId, string sipContact)
{
    private readonly Channel<Proto.AgentEvent> _events = Channel.CreateBounded<Proto.AgentEvent>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public string AgentId { get; } = agentId;
    public string SipContact { get; } = sipContact;

    public ChannelReader<Proto.AgentEvent> Events => _events.Reader;

    internal void Post(Proto.AgentEvent agentEvent) => _events.Writer.TryWrite(agentEvent);

    internal void Close() => _events.Writer.TryComplete();
}
