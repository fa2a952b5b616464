using CallRouter.Routing;

namespace CallRouter.Routing.Tests;

/// <summary>Keeps every event the engine publishes, in order.</summary>
internal sealed class RecordingSink : IRoutingEventSink
{
    public List<RoutingEvent> All { get; } = [];

    public void Publish(in RoutingEvent routingEvent) => All.Add(routingEvent);

    public IReadOnlyList<RoutingEvent> Of(RoutingEventKind kind) => All.Where(e => e.Kind == kind).ToList();

    /// <summary>Call ids offered so far, with the agent, in order.</summary>
    public IReadOnlyList<(string Call, string Agent)> Offers() =>
        Of(RoutingEventKind.CallOffered).Select(e => (e.CallId!, e.AgentId!)).ToList();

    public RoutingEvent Last(RoutingEventKind kind) => Of(kind)[^1];

    public void Clear() => All.Clear();
}
